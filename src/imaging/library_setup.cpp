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
  if (threads_per_image > 0) vips_concurrency_set(threads_per_image);
}

LibrarySetup::~LibrarySetup() {
  if (ok_) vips_shutdown();
}

}  // namespace vern::imaging
