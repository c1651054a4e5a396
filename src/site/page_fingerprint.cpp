#include "site/page_fingerprint.h"

#include <cstdio>

#include "core/content_hash.h"

namespace vern::site {
namespace {

// Fields are written length-prefixed, so that no two different inputs give the same text.
class Fingerprint {
 public:
  Fingerprint& add(std::string_view text) {
    text_ += std::to_string(text.size());
    text_ += ':';
    text_ += text;
    return *this;
  }
  Fingerprint& add(long long value) { return add(std::to_string(value)); }
  Fingerprint& add(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return add(std::string_view(buffer));
  }
  template <class T>
  Fingerprint& add(const std::optional<T>& value) {
    if (!value) return add(std::string_view("~"));
    if constexpr (std::is_same_v<T, int>)
      return add(static_cast<long long>(*value));
    else
      return add(*value);
  }
  std::string hash() const { return content_hash(text_); }

 private:
  std::string text_;
};

void add_metadata(Fingerprint& f, const PhotoMetadata& m) {
  f.add(m.width).add(m.height).add(m.orientation).add(m.taken_at).add(m.camera_make);
  f.add(m.camera_model).add(m.lens).add(m.focal_length_mm).add(m.aperture);
  f.add(m.exposure_time_s).add(m.iso).add(m.title).add(m.caption).add(m.creator);
  f.add(m.copyright).add(m.rating);
  f.add(static_cast<long long>(m.gps.has_value()));
  if (m.gps) f.add(m.gps->latitude).add(m.gps->longitude).add(m.gps->altitude_m);
  f.add(static_cast<long long>(m.keywords.size()));
  for (const auto& k : m.keywords) f.add(k);
}

void add_photo(Fingerprint& f, const Photo& p) {
  f.add(p.page_path).add(p.title).add(p.input.source_path).add(p.input.file_name);
  f.add(static_cast<long long>(p.input.width)).add(static_cast<long long>(p.input.height));
  f.add(p.input.thumbhash).add(p.input.original_path);
  add_metadata(f, p.input.metadata);
  const auto& w = p.input.work;
  f.add(w.title).add(w.year).add(w.medium).add(w.print_size).add(w.edition).add(w.price);
  f.add(w.plate);
  f.add(static_cast<long long>(p.input.derivatives.size()));
  for (const auto& d : p.input.derivatives) {
    f.add(static_cast<long long>(d.encoding.format))
        .add(static_cast<long long>(d.encoding.quality));
    f.add(static_cast<long long>(d.width))
        .add(static_cast<long long>(d.height))
        .add(d.relative_path);
  }
}

}  // namespace

std::string album_fingerprint(const Album& album,
                              const std::vector<std::pair<std::string, std::string>>& trail,
                              const SiteSettings& settings, const std::string& theme_hash) {
  Fingerprint f;
  f.add(static_cast<long long>(kPageCodeVersion)).add(theme_hash);
  f.add(settings.title).add(settings.description).add(settings.author).add(settings.copyright);
  f.add(settings.language)
      .add(settings.base_url)
      .add(static_cast<long long>(settings.keep_location))
      .add(static_cast<long long>(settings.show_prices))
      .add(static_cast<long long>(settings.has_about_page()));  // the header's About link
  // The home page introduces the photographer: its words and its large photo.
  if (trail.empty()) {
    f.add(settings.statement).add(settings.about).add(settings.cover);
    if (const Photo* cover = home_cover(album, settings.cover)) add_photo(f, *cover);
  }
  for (const auto& [title, path] : trail) f.add(title).add(path);
  f.add(album.title).add(album.description).add(static_cast<long long>(album.hidden));
  f.add(album.page_path).add(static_cast<long long>(album.photos.size()));
  for (const auto& photo : album.photos) add_photo(f, photo);
  f.add(static_cast<long long>(album.children.size()));
  for (const auto& child : album.children) {
    f.add(child.title).add(child.page_path).add(static_cast<long long>(child.hidden));
    f.add(static_cast<long long>(child.photo_count_with_children));
    f.add(static_cast<long long>(child.cover != nullptr));
    if (child.cover != nullptr) add_photo(f, *child.cover);
  }
  return f.hash();
}

}  // namespace vern::site
