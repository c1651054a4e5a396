#include "core/atomic_write.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;

TEST(AtomicWrite, WritesContentsAndLeavesNoTemporaryFile) {
  test::TempDir dir;
  ASSERT_TRUE(write_file_atomically(dir / "a/b/page.html", "<p>hello</p>"));
  EXPECT_EQ(test::read_text(dir / "a/b/page.html"), "<p>hello</p>");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "a/b")) {
    ++files;
    EXPECT_FALSE(is_temporary_name(entry.path().filename().string()));
  }
  EXPECT_EQ(files, 1);
}

TEST(AtomicWrite, ReplacesAnExistingFileWhole) {
  test::TempDir dir;
  ASSERT_TRUE(write_file_atomically(dir / "f.txt", std::string(10000, 'x')));
  ASSERT_TRUE(write_file_atomically(dir / "f.txt", "short"));
  EXPECT_EQ(test::read_text(dir / "f.txt"), "short");
}

TEST(AtomicWrite, TemporaryNameKeepsTheExtensionAndFolder) {
  const auto temporary = temporary_path_for("/site/media/ab/photo-480.avif");
  EXPECT_EQ(temporary.parent_path(), fs::path("/site/media/ab"));
  EXPECT_EQ(temporary.extension(), ".avif");
  EXPECT_TRUE(is_temporary_name(temporary.filename().string()));
  EXPECT_NE(temporary, temporary_path_for("/site/media/ab/photo-480.avif"));
}

TEST(AtomicWrite, ReportsTheFileWhenTheFolderCannotBeCreated) {
  test::TempDir dir;
  test::write_text(dir / "blocker", "a file where a folder should be");
  const auto result = write_file_atomically(dir / "blocker/page.html", "x");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().path.find("blocker"), std::string::npos);
}

}  // namespace
}  // namespace vern
