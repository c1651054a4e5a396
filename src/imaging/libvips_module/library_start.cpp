#include "imaging/libvips_module/library_start.h"

#include <gmodule.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vips/vips8>

namespace vern::imaging::libvips_module {
namespace {

// libvips 8.14 opens every module in its module folder at start-up: HEIF, ImageMagick, JPEG XL,
// PDF (poppler) and OpenSlide, 26 ms of dynamic linking each time it starts. Photos
// need heif (HEIC and AVIF in, AVIF out); magick is libvips' loader of last resort, through
// which any camera RAW file it can read is read (Debian 12's ImageMagick lacks the RAW delegate,
// so few are, but it costs only 1.7 ms). The two cost 8 ms.
constexpr const char* kModulesPhotosNeed[] = {"heif", "magick"};

// Where libvips keeps its modules, as it finds them itself: the library folder it was built for.
std::filesystem::path module_folder() {
  return std::filesystem::path(VERN_VIPS_LIBDIR) /
         ("vips-modules-" + std::to_string(vips_version(0)) + "." +
          std::to_string(vips_version(1)));
}

// Starts libvips without its modules and opens the ones photos need. libvips finds its modules
// under the prefix named by VIPSHOME, so that is pointed at a folder without any while it starts,
// and cleared again. Left alone when the user set VIPSHOME (a libvips of their own) or when the
// modules are not where expected: libvips then loads what it finds, as it always does.
bool start_with_modules_photos_need(const char* program) {
  const auto folder = module_folder();
  std::error_code ec;
  const bool choose =
      std::getenv("VIPSHOME") == nullptr && std::filesystem::is_directory(folder, ec);
  if (choose) ::setenv("VIPSHOME", "/nonexistent", 1);
  const bool started = VIPS_INIT(program) == 0;
  if (!choose) return started;
  ::unsetenv("VIPSHOME");
  if (!started) return false;
  for (const char* name : kModulesPhotosNeed) {
    const auto file = folder / (std::string("vips-") + name + ".so");
    // Each module registers its loaders and savers and makes itself resident when opened.
    if (std::filesystem::exists(file, ec)) g_module_open(file.c_str(), G_MODULE_BIND_LAZY);
  }
  return true;
}

}  // namespace

Result<void> start_libvips(const char* program, int threads_per_image) {
  if (!start_with_modules_photos_need(program)) {
    std::string why = vips_error_buffer();
    vips_error_clear();
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return fail(ErrorCode::kInternal,
                "libvips could not start" + (why.empty() ? std::string() : ": " + why));
  }
  // The operation cache keys loaders on the address of the buffer they read. Photos are loaded
  // from buffers that are freed and reused, so a cached result could belong to another photo; a
  // batch tool gains nothing from the cache anyway.
  vips_cache_set_max(0);
  // libvips and the decoders under it print GLib warnings of their own to stderr ("heifload:
  // ignoring nclx profile", libtiff's "Unknown field with tag 513"), unattached to any photo and
  // outside the tool's message format. What matters reaches us as errors naming the file
  // (fail_on=truncated, VError), so the chatter is dropped, as exiv2's is.
  g_log_set_handler(
      "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
      [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  if (threads_per_image > 0) vips_concurrency_set(threads_per_image);
  return {};
}

void stop_libvips() { vips_shutdown(); }

}  // namespace vern::imaging::libvips_module
