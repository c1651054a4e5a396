#include "sharing/share_secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace vern::sharing {
namespace {

TEST(ShareSecrets, TokensCarry128RandomBitsInUrlSafeBase64) {
  std::set<std::string> tokens;
  for (int i = 0; i < 1000; ++i) {
    const std::string token = new_share_token();
    EXPECT_EQ(token.size(), 22u) << token;  // 16 bytes, unpadded
    EXPECT_EQ(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos)
        << token;
    tokens.insert(token);
  }
  EXPECT_EQ(tokens.size(), 1000u);
}

TEST(ShareSecrets, TheCatalogueKeepsAHashThatDoesNotGiveTheTokenBack) {
  const std::string token = new_share_token();
  const std::string hash = token_hash(token);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash, token_hash(token));
  EXPECT_NE(hash, token_hash(new_share_token()));
  EXPECT_EQ(hash.find(token), std::string::npos);
}

TEST(ShareSecrets, PasswordsAreHashedWithArgon2idAndChecked) {
  const auto hash = hash_password("Красная площадь 1945");
  ASSERT_TRUE(hash) << hash.error().describe();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("Красная"), std::string::npos);
  EXPECT_TRUE(password_matches(*hash, "Красная площадь 1945"));
  EXPECT_FALSE(password_matches(*hash, "Красная площадь 1946"));
  EXPECT_FALSE(password_matches(*hash, ""));
  // The same password hashes differently each time (a salt of its own).
  EXPECT_NE(*hash, *hash_password("Красная площадь 1945"));
}

}  // namespace
}  // namespace vern::sharing
