#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

// Owners of Cairo's and Pango's objects, and the PDF stream into memory, for the show's PDFs.
namespace vern::show {

struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using Cairo = std::unique_ptr<cairo_t, CairoDestroy>;
using Surface = std::unique_ptr<cairo_surface_t, CairoDestroy>;
using TextLayout = std::unique_ptr<PangoLayout, GObjectUnref>;
using Font = std::unique_ptr<PangoFontDescription, FontFree>;

// A cairo_write_func_t appending to the std::string `closure`: a PDF is made in memory, then
// written in one atomic step.
inline cairo_status_t append_to_string(void* closure, const unsigned char* data,
                                       unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace vern::show
