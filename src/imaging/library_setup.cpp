#include "imaging/library_setup.h"

#include <vips/vips8>

namespace vern::imaging {

LibrarySetup::LibrarySetup(const char* program, int threads_per_image) {
  ok_ = VIPS_INIT(program) == 0;
  if (!ok_) return;
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
}

LibrarySetup::~LibrarySetup() {
  if (ok_) vips_shutdown();
}

}  // namespace vern::imaging
