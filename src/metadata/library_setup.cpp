#include "metadata/library_setup.h"

#include <exiv2/exiv2.hpp>

namespace vern::metadata {
namespace {

// The toolkit's lock is as process-wide as the toolkit itself.
std::recursive_mutex& xmp_toolkit_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

// Exiv2::XmpParser's lock callback: `lock` true before a toolkit call, false after it.
void lock_xmp_toolkit(void* mutex, bool lock) {
  auto* m = static_cast<std::recursive_mutex*>(mutex);
  if (lock) {
    m->lock();
  } else {
    m->unlock();
  }
}

}  // namespace

LibrarySetup::LibrarySetup() {
  // exiv2 would print its own warnings to stderr from any thread; the reader reports problems as
  // PhotoMetadata::warnings instead, tied to the photo they concern.
  Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
  // The XMP toolkit must be initialised once, before concurrent use, with the lock that guards it.
  Exiv2::XmpParser::initialize(lock_xmp_toolkit, &xmp_toolkit_mutex());
  // HEIF/AVIF/CR3 metadata lives in ISO-BMFF boxes, which exiv2 reads only on request.
  Exiv2::enableBMFF(true);
}

LibrarySetup::~LibrarySetup() { Exiv2::XmpParser::terminate(); }

std::unique_lock<std::recursive_mutex> hold_xmp_toolkit() {
  return std::unique_lock(xmp_toolkit_mutex());
}

}  // namespace vern::metadata
