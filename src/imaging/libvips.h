#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>

#include "core/result.h"

namespace vern::imaging {

namespace detail {
struct LibvipsFunctions;
}

// libvips, loaded and started the first time a photo needs it, and shut down with this object.
//
// Why loaded late: libvips links 95 other libraries (poppler, ImageMagick's, GnuTLS, HDF5, ...),
// and loading them cost 40-50 ms on every start, plus 11 ms to start libvips. Most photos are
// JPEGs, whose header and similarity hash libjpeg reads alone, so `search`, `duplicates` and an
// `index` of JPEGs never need it. The code that uses libvips lives in a module of its own,
// vernissage-libvips.so (src/imaging/libvips_module/), opened with dlopen on first use.
//
// Construct one, in main, and hand it to the functions that may need pixels. Thread-safe: the
// first of several threads to need libvips loads it, the others wait.
class Libvips {
 public:
  // `program` is argv[0]; `threads_per_image` bounds libvips' own worker pool per image, which
  // the build sets to 1 when it already runs one photo per core (0: libvips' default).
  Libvips(std::string program, int threads_per_image);
  ~Libvips();
  Libvips(const Libvips&) = delete;
  Libvips& operator=(const Libvips&) = delete;

  // The module's functions, libvips started; loads and starts it on the first call. Fails, the
  // same way on every call, when the module cannot be found or opened or libvips cannot start.
  [[nodiscard]] Result<const detail::LibvipsFunctions*> functions() const;

  // True once functions() has been called and succeeded (tests check JPEGs do not need it).
  [[nodiscard]] bool loaded() const;

  // The module's file: the first that exists of, in order, vernissage-libvips.so beside the
  // executable (the build folder), in ../lib/vernissage/ beside it (an installed copy), and in
  // the build folder this was built in (test programs under it). Fails naming where it looked.
  [[nodiscard]] static Result<std::filesystem::path> find_module();

 private:
  Result<const detail::LibvipsFunctions*> load() const;

  std::string program_;
  int threads_per_image_;
  mutable std::once_flag once_;
  mutable Result<const detail::LibvipsFunctions*> functions_;  // written once, in call_once
  mutable std::atomic<bool> loaded_{false};
};

}  // namespace vern::imaging
