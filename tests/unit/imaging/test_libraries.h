#pragma once

#include "imaging/libvips.h"

namespace vern::test {

// The imaging test binary's one Libvips, as main() makes one for the program; exiv2 is started
// alongside it. libvips itself is loaded only when a test first needs it.
const imaging::Libvips& libvips();

// Loads and starts libvips through libvips(), for tests that call libvips themselves (to make
// pictures, or to compare with its own reading). Fails the test when it cannot.
void start_libvips();

}  // namespace vern::test
