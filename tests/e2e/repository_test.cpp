// The repository never carries the photographs of ../shared/photos, nor copies of them: they come
// from collections whose terms do not let it redistribute them (../shared/photos/README.md).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/image_format.h"
#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;

// Images the project makes itself may be tracked: the README's screenshots and the theme's icons.
bool is_own_picture(const std::string& tracked) {
  return (tracked.starts_with("docs/") && tracked.ends_with(".png")) ||
         tracked.starts_with("assets/");
}

// Runs a shell command, returning its standard output; throws when it fails.
std::string command_output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  std::array<char, 4096> buffer{};
  for (size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) {
    out.append(buffer.data(), n);
  }
  if (::pclose(pipe.release()) != 0) throw std::runtime_error("failed: " + command);
  return out;
}

std::string quoted(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> tracked_files(const fs::path& repository) {
  const std::string listing = command_output("git -C " + quoted(repository) + " ls-files -z");
  std::vector<std::string> files;
  for (size_t start = 0, end; start < listing.size(); start = end + 1) {
    end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    files.push_back(listing.substr(start, end - start));
  }
  return files;
}

std::optional<ImageFormat> image_format_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, kFormatSniffBytes> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  return sniff_image_format(std::span(head.data(), static_cast<size_t>(in.gcount())));
}

// What git tracks in `repository` that it must not: image files other than the project's own
// pictures, byte-for-byte copies of any file under `photos`, and pictures that `vernissage
// duplicates` finds to be re-encoded, resized or cropped copies of a photo under `photos`.
// Each finding names the tracked file.
std::vector<std::string> forbidden_files(const fs::path& repository, const fs::path& photos) {
  std::multimap<std::uintmax_t, fs::path> shared_by_size;
  for (const auto& entry : fs::recursive_directory_iterator(photos)) {
    if (entry.is_regular_file()) shared_by_size.emplace(entry.file_size(), entry.path());
  }
  std::vector<std::string> findings;
  test::TempDir scratch;
  const fs::path own_pictures = scratch / "pictures";
  for (const auto& tracked : tracked_files(repository)) {
    const fs::path file = repository / tracked;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) continue;
    const auto [first, last] = shared_by_size.equal_range(fs::file_size(file));
    for (auto it = first; it != last; ++it) {
      if (test::read_bytes(it->second) == test::read_bytes(file)) {
        findings.push_back(tracked + " is a copy of " + it->second.string());
      }
    }
    if (!image_format_of(file)) continue;
    if (!is_own_picture(tracked)) {
      findings.push_back(tracked + " is an image file outside docs/*.png and assets/");
      continue;
    }
    test::copy_into(file, own_pictures / tracked);
  }
  if (!fs::exists(own_pictures / "docs") && !fs::exists(own_pictures / "assets")) return findings;
  // The project's pictures and the photos in one catalogue; every similar group that holds one of
  // the pictures is a finding.
  const std::map<std::string, std::optional<std::string>> environment = {
      {"VERNISSAGE_CATALOGUE", (scratch / "catalogue.db").string()}};
  const auto index =
      test::run_vernissage({"index", "-q", own_pictures.string(), photos.string()}, environment);
  if (index.exit_code > 1) throw std::runtime_error("index failed: " + index.err);
  const auto duplicates =
      test::run_vernissage({"duplicates", "--under", own_pictures.string()}, environment);
  if (duplicates.exit_code == 0) {
    findings.push_back("pictures of docs/ or assets/ are copies of photos:\n" + duplicates.out);
  } else if (duplicates.exit_code != 1) {
    throw std::runtime_error("duplicates failed: " + duplicates.err);
  }
  return findings;
}

TEST(Repository, HoldsNoPhotograph) {
  const fs::path repository = VERN_SOURCE_DIR;
  if (!fs::exists(repository / ".git")) GTEST_SKIP() << repository << " is not a git checkout";
  EXPECT_EQ(forbidden_files(repository, test::shared_photos()), std::vector<std::string>{});
}

// The check above finds what it looks for: a git repository holding a demo photo as it is, a
// re-encoded copy under another name, and a resized copy posing as a screenshot.
TEST(Repository, TheCheckFindsCopiesReencodedCopiesAndDisguisedOnes) {
  test::TempDir repository;
  const fs::path demo = test::examples_dir() / "streets/Nikon D90.jpg";
  const fs::path original = test::shared_photos() / "demo/streets/Nikon D90.jpg";
  test::copy_into(original, repository / "examples/photo.bin");
  test::copy_into(demo, repository / "tests/data/nikon.jpg");
  // A screenshot-sized PNG of the photo, made by the same libvips the tests use.
  test::copy_into(test::data_file("orientation/landscape_1.jpg"),
                  repository / "docs/unrelated-screenshot.jpg");
  command_output("vipsthumbnail " + quoted(demo) + " --size 1200 -o " +
                 quoted(repository / "docs/screenshot-desktop-album.png"));
  test::write_text(repository / "README.md", "# A project\n");
  command_output(
      "cd " + quoted(repository.path()) +
      " && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm t");

  const auto findings = forbidden_files(repository.path(), test::shared_photos());
  const auto mentions = [&](const std::string& text) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const std::string& f) { return f.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(mentions("examples/photo.bin is a copy of ")) << testing::PrintToString(findings);
  EXPECT_TRUE(mentions("tests/data/nikon.jpg is an image file"))
      << testing::PrintToString(findings);
  EXPECT_TRUE(mentions("docs/unrelated-screenshot.jpg is an image file"))
      << testing::PrintToString(findings);
  EXPECT_TRUE(mentions("screenshot-desktop-album.png")) << testing::PrintToString(findings);
  EXPECT_FALSE(mentions("README.md"));
}

}  // namespace
}  // namespace vern
