#include "site/exif_display.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace vern::site {
namespace {

std::string number(double value, int max_decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", max_decimals, value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

bool starts_with_ignoring_case(const std::string& text, const std::string& prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// Makers write their legal names into EXIF ("NIKON CORPORATION", "EASTMAN KODAK COMPANY").
std::string brand_of(std::string make) {
  for (const char* suffix : {" IMAGING CORP.", " CORPORATION", " CORP.", " COMPANY", " Co., Ltd.",
                             " Electronics", " OPTICAL CO.,LTD"}) {
    const std::string s = suffix;
    if (make.size() > s.size() && make.compare(make.size() - s.size(), s.size(), s) == 0) {
      make.resize(make.size() - s.size());
    }
  }
  if (make.rfind("EASTMAN ", 0) == 0) make = make.substr(8);
  const bool all_caps =
      std::none_of(make.begin(), make.end(), [](unsigned char c) { return std::islower(c) != 0; });
  if (all_caps && make.size() > 3) {
    for (std::size_t i = 1; i < make.size(); ++i) {
      if (std::isalpha(static_cast<unsigned char>(make[i - 1]))) {
        make[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(make[i])));
      }
    }
  }
  return make;
}

}  // namespace

std::string format_exposure_time(const std::optional<double>& seconds) {
  if (!seconds || *seconds <= 0) return "";
  if (*seconds >= 0.3) return number(*seconds, 1) + " s";
  return "1/" + number(std::round(1.0 / *seconds), 0) + " s";
}

std::string format_aperture(const std::optional<double>& f_number) {
  return f_number ? "f/" + number(*f_number, 1) : "";
}

std::string format_focal_length(const std::optional<double>& mm) {
  return mm ? number(*mm, 1) + " mm" : "";
}

std::string format_iso(const std::optional<int>& iso) {
  return iso ? "ISO " + std::to_string(*iso) : "";
}

std::string format_camera(const std::optional<std::string>& make,
                          const std::optional<std::string>& model) {
  if (!model) return make ? brand_of(*make) : "";
  if (!make) return *model;
  const std::string brand = brand_of(*make);
  // "Canon" + "Canon EOS 20D" reads "Canon EOS 20D", not "Canon Canon EOS 20D".
  const std::string first_word = brand.substr(0, brand.find(' '));
  if (starts_with_ignoring_case(*model, first_word)) return *model;
  return brand + " " + *model;
}

std::string format_date(const std::optional<std::string>& iso_8601) {
  if (!iso_8601 || iso_8601->size() < 10) return "";
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const std::string& t = *iso_8601;
  const int year = std::atoi(t.substr(0, 4).c_str());
  const int month = std::atoi(t.substr(5, 2).c_str());
  const int day = std::atoi(t.substr(8, 2).c_str());
  if (month < 1 || month > 12) return t;
  std::string text = std::to_string(day) + " " + kMonths[month - 1] + " " + std::to_string(year);
  if (t.size() >= 16 && t[10] == 'T') text += ", " + t.substr(11, 5);
  return text;
}

std::vector<std::pair<std::string, std::string>> photo_facts(const PhotoMetadata& m,
                                                             bool include_location) {
  std::vector<std::pair<std::string, std::string>> facts;
  const auto add = [&](const char* label, std::string value) {
    if (!value.empty()) facts.emplace_back(label, std::move(value));
  };
  add("Taken", format_date(m.taken_at));
  add("Camera", format_camera(m.camera_make, m.camera_model));
  add("Lens", m.lens.value_or(""));
  add("Focal length", format_focal_length(m.focal_length_mm));
  add("Aperture", format_aperture(m.aperture));
  add("Shutter", format_exposure_time(m.exposure_time_s));
  add("ISO", m.iso ? std::to_string(*m.iso) : "");
  if (include_location && m.gps) {
    add("Location", number(m.gps->latitude, 5) + ", " + number(m.gps->longitude, 5));
  }
  add("Creator", m.creator.value_or(""));
  add("Copyright", m.copyright.value_or(""));
  return facts;
}

}  // namespace vern::site
