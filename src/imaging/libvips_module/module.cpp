// The libvips module's entry point: the one symbol the program looks up after dlopen
// (imaging/libvips.h says why libvips is loaded late).
#include "imaging/detail/libvips_functions.h"
#include "imaging/libvips_module/camera_raw.h"
#include "imaging/libvips_module/grey_picture.h"
#include "imaging/libvips_module/header_reader.h"
#include "imaging/libvips_module/library_start.h"
#include "imaging/libvips_module/renderer.h"

extern "C" __attribute__((visibility("default"))) const vern::imaging::detail::LibvipsFunctions*
vernissage_libvips_functions() {
  namespace module = vern::imaging::libvips_module;
  static const vern::imaging::detail::LibvipsFunctions functions{
      .interface = vern::imaging::detail::kLibvipsInterface,
      .version = VERNISSAGE_VERSION,
      .start = &module::start_libvips,
      .shutdown = &module::stop_libvips,
      .read_header = &module::read_header_with_libvips,
      .read_raw_header = &module::read_raw_header,
      .raw_preview = &module::raw_preview,
      .grey_picture = &module::grey_picture,
      .render_derivatives = &module::render_with_libvips,
  };
  return &functions;
}
