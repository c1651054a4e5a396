#pragma once

namespace vern::imaging {

// Starts libvips for the life of the process and shuts it down at the end. Construct exactly one,
// in main, before any image is touched.
class LibrarySetup {
 public:
  // `program` is argv[0]; `threads_per_image` bounds libvips' own worker pool per image, which the
  // build sets to 1 when it already runs one photo per core.
  LibrarySetup(const char* program, int threads_per_image);
  ~LibrarySetup();
  LibrarySetup(const LibrarySetup&) = delete;
  LibrarySetup& operator=(const LibrarySetup&) = delete;

  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

}  // namespace vern::imaging
