#include "sharing/share_pass.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/test_support.h"

namespace vern::sharing {
namespace {

using namespace std::chrono_literals;

catalogue::Share a_share() {
  catalogue::Share share;
  share.id = 3;
  share.token_hash = "aa";
  share.password_hash = "$argon2id$…";
  return share;
}

TEST(SharePass, AcceptsItsOwnPassForItsShareOnly) {
  const PassSigner signer(PassSigner::Key{1, 2, 3});
  const auto now = std::chrono::system_clock::now();
  const auto share = a_share();
  const auto pass = signer.issue(share, now);
  EXPECT_TRUE(signer.accepts(share, pass, now + 1h));

  auto other = share;
  other.id = 4;
  EXPECT_FALSE(signer.accepts(other, pass, now));  // another share
  auto rotated = share;
  rotated.token_hash = "bb";
  EXPECT_FALSE(signer.accepts(rotated, pass, now));  // the token was rotated
  auto repassworded = share;
  repassworded.password_hash = "$argon2id$other";
  EXPECT_FALSE(signer.accepts(repassworded, pass, now));                   // the password changed
  EXPECT_FALSE(PassSigner(PassSigner::Key{9}).accepts(share, pass, now));  // another key
  EXPECT_FALSE(signer.accepts(share, pass, now + PassSigner::kPassLifetime + 1s));  // too old

  std::string forged = pass;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(signer.accepts(share, forged, now));
  // A later issue time with the old tag is refused: the time is signed too.
  const auto dot = pass.find('.');
  const auto later = std::to_string(std::stoll(pass.substr(0, dot)) + 1) + pass.substr(dot);
  EXPECT_FALSE(signer.accepts(share, later, now));
  EXPECT_FALSE(signer.accepts(share, "", now));
  EXPECT_FALSE(signer.accepts(share, "123", now));
}

TEST(SharePass, KeyFileIsMadePrivateOnceAndReadAfterwards) {
  test::TempDir dir;
  const auto file = dir / "server.key";
  const auto first = PassSigner::from_key_file(file);
  ASSERT_TRUE(first) << first.error().describe();
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(std::filesystem::file_size(file), 32u);
  // The same key after a restart: passes issued before still open the share.
  const auto again = PassSigner::from_key_file(file);
  ASSERT_TRUE(again);
  const auto now = std::chrono::system_clock::now();
  EXPECT_TRUE(again->accepts(a_share(), first->issue(a_share(), now), now));

  test::write_text(dir / "short.key", "too short");
  EXPECT_FALSE(PassSigner::from_key_file(dir / "short.key"));
}

}  // namespace
}  // namespace vern::sharing
