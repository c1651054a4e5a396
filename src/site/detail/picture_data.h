#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/derivative.h"
#include "site/gallery.h"
#include "site/page_renderer.h"

// What templates are told about images: <picture> sources, the lightbox's image, previews.
namespace vern::site::detail {

// How urgently the browser should fetch an image: the first one on a page is usually the
// largest paint, images below the fold wait until scrolled near.
enum class Loading { kFirst, kEager, kLazy };

// <picture> data: one <source> per modern encoding, the fallback encoding (JPEG when made) in
// <img>. width/height give the intrinsic aspect ratio so the page does not shift as it loads.
TemplateData picture(const Photo& photo, const std::string& root, const std::string& sizes,
                     Loading loading);

// PhotoSwipe shows one <img>: it gets the first encoding every current browser decodes (WebP,
// else JPEG, else whatever was made), with all its sizes as srcset.
void set_lightbox_source(TemplateData& tile, const Photo& photo, const std::string& root);

// The image that stands for a photo outside the page (feeds, link previews): a JPEG of at least
// 960 px, which every reader and social site shows, else the largest derivative made.
const Derivative& preview_image(const Photo& photo);

// The caption, else the title.
const std::string& alt_text(const Photo& photo);

// Grid tiles are laid out in justified rows: each tile grows in proportion to its aspect ratio.
std::string aspect_ratio(int width, int height);

// The file name part of a photo page ("nikon-d90" for "streets/nikon-d90.html"), which names
// the photo in the lightbox's address (#nikon-d90).
std::string slug_of(const Photo& photo);

// Assets are served under names that carry a hash of their content, so browsers may cache them
// forever and a changed theme is never mixed with a stale cached file.
std::map<std::string, std::string> fingerprinted_names(
    const std::map<std::string, std::string>& assets);

// Template key for an asset: "style.css" -> "asset_style_css".
std::string asset_key(const std::string& path);

}  // namespace vern::site::detail
