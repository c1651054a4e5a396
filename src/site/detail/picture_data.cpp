#include "site/detail/picture_data.h"

#include <algorithm>
#include <cstdio>

#include "core/content_hash.h"
#include "site/url_path.h"

namespace vern::site::detail {
namespace {

TemplateData list() { return TemplateData(TemplateData::type::list); }

// "URL 480w, URL 960w": a srcset of the given derivatives, one encoding, smallest first.
std::string srcset_of(const std::vector<const Derivative*>& derivatives, const std::string& root) {
  std::string set;
  for (const Derivative* d : derivatives) {
    if (!set.empty()) set += ", ";
    set += root + encode_url_path(d->relative_path) + " " + std::to_string(d->width) + "w";
  }
  return set;
}

}  // namespace

TemplateData picture(const Photo& photo, const std::string& root, const std::string& sizes,
                     Loading loading) {
  std::map<OutputFormat, std::vector<const Derivative*>> by_format;
  for (const auto& d : photo.input.derivatives) by_format[d.encoding.format].push_back(&d);
  TemplateData data;
  if (by_format.empty()) return data;
  const OutputFormat fallback =
      by_format.contains(OutputFormat::kJpeg) ? OutputFormat::kJpeg : by_format.rbegin()->first;
  TemplateData sources = list();
  for (const auto& [format, ds] : by_format) {
    if (format == fallback) continue;
    TemplateData source;
    source.set("type", std::string(output_format_mime(format)));
    source.set("srcset", srcset_of(ds, root));
    sources.push_back(source);
  }
  const auto& fallbacks = by_format.at(fallback);
  // The src for browsers without srcset: a middle size, sharp enough on a laptop.
  const auto* src = *std::find_if(fallbacks.begin(), fallbacks.end(), [&](const Derivative* d) {
    return long_edge(*d) >= 960 || d == fallbacks.back();
  });
  const Derivative* largest = fallbacks.back();
  data.set("sources", sources);
  data.set("srcset", srcset_of(fallbacks, root));
  data.set("src", root + encode_url_path(src->relative_path));
  data.set("sizes", sizes);
  data.set("width", std::to_string(largest->width));
  data.set("height", std::to_string(largest->height));
  data.set("alt", alt_text(photo));
  data.set("loading", loading == Loading::kLazy ? "lazy" : "eager");
  data.set("high_priority", loading == Loading::kFirst);
  data.set("thumbhash", photo.input.thumbhash);
  return data;
}

void set_lightbox_source(TemplateData& tile, const Photo& photo, const std::string& root) {
  const auto& ds = photo.input.derivatives;
  if (ds.empty()) return;
  OutputFormat format = ds.front().encoding.format;
  for (const auto preferred : {OutputFormat::kJpeg, OutputFormat::kWebp}) {
    if (std::any_of(ds.begin(), ds.end(),
                    [&](const auto& d) { return d.encoding.format == preferred; })) {
      format = preferred;
    }
  }
  std::vector<const Derivative*> sizes;
  for (const auto& d : ds) {
    if (d.encoding.format == format) sizes.push_back(&d);
  }
  const Derivative* largest = sizes.back();
  tile.set("pswp_src", root + encode_url_path(largest->relative_path));
  tile.set("pswp_srcset", srcset_of(sizes, root));
  tile.set("pswp_width", std::to_string(largest->width));
  tile.set("pswp_height", std::to_string(largest->height));
}

const Derivative& preview_image(const Photo& photo) {
  const auto& ds = photo.input.derivatives;
  const auto it = std::find_if(ds.begin(), ds.end(), [](const Derivative& d) {
    return d.encoding.format == OutputFormat::kJpeg && long_edge(d) >= 960;
  });
  return it != ds.end() ? *it : ds.back();
}

const std::string& alt_text(const Photo& photo) {
  const auto& m = photo.input.metadata;
  if (m.caption) return *m.caption;
  return photo.title;
}

std::string aspect_ratio(int width, int height) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f",
                height > 0 ? static_cast<double>(width) / height : 1.0);
  return buffer;
}

std::string slug_of(const Photo& photo) {
  const auto& path = photo.page_path;
  const auto slash = path.find_last_of('/');
  const auto start = slash == std::string::npos ? 0 : slash + 1;
  return path.substr(start, path.size() - start - std::string(".html").size());
}

std::map<std::string, std::string> fingerprinted_names(
    const std::map<std::string, std::string>& assets) {
  std::map<std::string, std::string> names;
  for (const auto& [path, contents] : assets) {
    const auto dot = path.find_last_of('.');
    const std::string stem = dot == std::string::npos ? path : path.substr(0, dot);
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot);
    names[path] = "assets/" + stem + "." + content_hash(contents).substr(0, 10) + ext;
  }
  return names;
}

std::string asset_key(const std::string& path) {
  std::string key = "asset_" + path;
  std::replace_if(
      key.begin(), key.end(), [](char c) { return c == '.' || c == '/' || c == '-'; }, '_');
  return key;
}

}  // namespace vern::site::detail
