#include "core/file_bytes.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/atomic_write.h"
#include "support/test_support.h"

namespace vern {
namespace {

std::string text(const FileBytes& bytes) { return {bytes.begin(), bytes.end()}; }

TEST(FileBytes, ReadsAWholeFile) {
  test::TempDir dir;
  const std::string contents(300000, 'p');
  ASSERT_TRUE(write_file_atomically(dir / "photo.jpg", contents));
  const auto bytes = read_file_bytes(dir / "photo.jpg", kMaxPhotoFileBytes);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(text(*bytes), contents);
}

TEST(FileBytes, OneBufferServesFileAfterFileWithoutLeftovers) {
  test::TempDir dir;
  ASSERT_TRUE(write_file_atomically(dir / "large.jpg", std::string(200000, 'L')));
  ASSERT_TRUE(write_file_atomically(dir / "small.jpg", "small"));
  ASSERT_TRUE(write_file_atomically(dir / "larger.jpg", std::string(300000, 'M')));
  FileBytes buffer;
  ASSERT_TRUE(read_file_bytes_into(dir / "large.jpg", kMaxPhotoFileBytes, buffer));
  EXPECT_EQ(buffer.size(), 200000u);
  const auto* memory = buffer.data();
  ASSERT_TRUE(read_file_bytes_into(dir / "small.jpg", kMaxPhotoFileBytes, buffer));
  EXPECT_EQ(text(buffer), "small");
  EXPECT_EQ(buffer.data(), memory) << "a smaller file reuses the memory";
  ASSERT_TRUE(read_file_bytes_into(dir / "larger.jpg", kMaxPhotoFileBytes, buffer));
  EXPECT_EQ(text(buffer), std::string(300000, 'M'));
  // Grown by doubling, not to the larger file's size: a run of slightly larger files does not
  // take fresh memory each time.
  EXPECT_GE(buffer.capacity(), 2 * 200000u);
}

TEST(FileBytes, AFailedReadLeavesTheBufferEmptyAndNamesTheFile) {
  test::TempDir dir;
  ASSERT_TRUE(write_file_atomically(dir / "photo.jpg", "bytes of a photo"));
  FileBytes buffer;
  ASSERT_TRUE(read_file_bytes_into(dir / "photo.jpg", kMaxPhotoFileBytes, buffer));
  const auto missing = read_file_bytes_into(dir / "gone.jpg", kMaxPhotoFileBytes, buffer);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_EQ(missing.error().path, (dir / "gone.jpg").string());
  EXPECT_TRUE(buffer.empty());
  const auto too_large = read_file_bytes_into(dir / "photo.jpg", 4, buffer);
  ASSERT_FALSE(too_large);
  EXPECT_EQ(too_large.error().code, ErrorCode::kTooLarge);
  EXPECT_TRUE(buffer.empty());
}

}  // namespace
}  // namespace vern

namespace vern {
namespace {

TEST(FileBytes, PhotoSizedBuffersStartOnAHugePageAndHoldWhatIsWritten) {
  FileBytes small(1000);
  FileBytes large(5 * 1024 * 1024 + 17);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(large.data()) % detail::kHugePage, 0u);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<unsigned char>(i * 7);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < large.size(); ++i)
    wrong += large[i] != static_cast<unsigned char>(i * 7);
  EXPECT_EQ(wrong, 0u);
  // Growing moves the contents into a new block and frees the old one whole.
  large.reserve(11 * 1024 * 1024);
  EXPECT_EQ(large[large.size() - 1], static_cast<unsigned char>((large.size() - 1) * 7));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(large.data()) % detail::kHugePage, 0u);
  small.resize(20);
  EXPECT_EQ(small.size(), 20u);
}

}  // namespace
}  // namespace vern
