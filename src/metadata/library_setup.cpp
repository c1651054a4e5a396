#include "metadata/library_setup.h"

#include <exiv2/exiv2.hpp>

namespace vern::metadata {

LibrarySetup::LibrarySetup() {
  // exiv2 would print its own warnings to stderr from any thread; the reader reports problems as
  // PhotoMetadata::warnings instead, tied to the photo they concern.
  Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
  // The XMP toolkit must be initialised once, before concurrent use.
  Exiv2::XmpParser::initialize();
  // HEIF/AVIF/CR3 metadata lives in ISO-BMFF boxes, which exiv2 reads only on request.
  Exiv2::enableBMFF(true);
}

LibrarySetup::~LibrarySetup() { Exiv2::XmpParser::terminate(); }

}  // namespace vern::metadata
