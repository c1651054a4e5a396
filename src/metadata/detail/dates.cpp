#include "metadata/detail/dates.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <string>

namespace vern::metadata::detail {
namespace {

// Parses exactly `digits` decimal digits at text[pos].
std::optional<int> number_at(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return std::nullopt;
  int value = 0;
  const char* begin = text.data() + pos;
  const auto [end, ec] = std::from_chars(begin, begin + digits, value);
  if (ec != std::errc() || end != begin + digits) return std::nullopt;
  return value;
}

struct DateTime {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  bool has_time = false;
};

bool plausible(const DateTime& t) {
  return t.year >= 1800 && t.year <= 2200 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
         t.day <= 31 && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
         t.second >= 0 && t.second <= 60;
}

// "+hh:mm", "+hhmm", "-hh", "Z" -> "+hh:mm" / "Z"; empty or malformed -> "".
std::string normalise_offset(std::string_view offset) {
  while (!offset.empty() && (offset.front() == ' ')) offset.remove_prefix(1);
  while (!offset.empty() && (offset.back() == ' ' || offset.back() == '\0'))
    offset.remove_suffix(1);
  if (offset == "Z") return "Z";
  if (offset.size() < 3 || (offset[0] != '+' && offset[0] != '-')) return "";
  const auto hours = number_at(offset, 1, 2);
  std::optional<int> minutes = 0;
  if (offset.size() == 6 && offset[3] == ':') {
    minutes = number_at(offset, 4, 2);
  } else if (offset.size() == 5) {
    minutes = number_at(offset, 3, 2);
  } else if (offset.size() != 3) {
    return "";
  }
  if (!hours || !minutes || *hours > 14 || *minutes > 59) return "";
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", offset[0], *hours, *minutes);
  return buffer;
}

std::optional<std::string> format(const DateTime& t, std::string_view offset) {
  if (!plausible(t)) return std::nullopt;
  char buffer[32];
  if (!t.has_time) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", t.year, t.month, t.day);
    return std::string(buffer);
  }
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day,
                t.hour, t.minute, t.second);
  return std::string(buffer) + normalise_offset(offset);
}

}  // namespace

std::optional<std::string> iso_from_exif(std::string_view date_time, std::string_view offset) {
  // "YYYY:MM:DD HH:MM:SS"; some firmware writes '-' or '/' between date parts.
  if (date_time.size() < 19) return std::nullopt;
  DateTime t;
  const auto year = number_at(date_time, 0, 4), month = number_at(date_time, 5, 2),
             day = number_at(date_time, 8, 2), hour = number_at(date_time, 11, 2),
             minute = number_at(date_time, 14, 2), second = number_at(date_time, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  t = {*year, *month, *day, *hour, *minute, *second, true};
  return format(t, offset);
}

std::optional<std::string> iso_from_xmp(std::string_view value) {
  DateTime t;
  const auto year = number_at(value, 0, 4);
  if (!year) return std::nullopt;
  t.year = *year;
  if (value.size() == 4) {
    t.month = 1;
    t.day = 1;
    return format(t, "");
  }
  const auto month = number_at(value, 5, 2);
  if (!month || value[4] != '-') return std::nullopt;
  t.month = *month;
  if (value.size() == 7) return format(t, "");
  const auto day = number_at(value, 8, 2);
  if (!day || value[7] != '-') return std::nullopt;
  t.day = *day;
  if (value.size() == 10) return format(t, "");
  if (value.size() < 16 || value[10] != 'T' || value[13] != ':') return std::nullopt;
  const auto hour = number_at(value, 11, 2), minute = number_at(value, 14, 2);
  if (!hour || !minute) return std::nullopt;
  t.hour = *hour;
  t.minute = *minute;
  t.has_time = true;
  std::size_t rest = 16;
  if (value.size() >= 19 && value[16] == ':') {
    const auto second = number_at(value, 17, 2);
    if (!second) return std::nullopt;
    t.second = *second;
    rest = 19;
    while (rest < value.size() &&
           (value[rest] == '.' || std::isdigit(static_cast<unsigned char>(value[rest]))))
      ++rest;
  }
  return format(t, value.substr(rest));
}

std::optional<std::string> iso_from_iptc(std::string_view date, std::string_view time) {
  DateTime t;
  const bool dashed = date.size() >= 10 && date[4] == '-';
  const auto year = number_at(date, 0, 4), month = number_at(date, dashed ? 5 : 4, 2),
             day = number_at(date, dashed ? 8 : 6, 2);
  if (!year || !month || !day) return std::nullopt;
  t.year = *year;
  t.month = *month;
  t.day = *day;
  if (time.size() < 6) return format(t, "");
  const bool colons = time.size() >= 8 && time[2] == ':';
  const auto hour = number_at(time, 0, 2), minute = number_at(time, colons ? 3 : 2, 2),
             second = number_at(time, colons ? 6 : 4, 2);
  if (!hour || !minute || !second) return format(t, "");
  t.hour = *hour;
  t.minute = *minute;
  t.second = *second;
  t.has_time = true;
  return format(t, time.substr(colons ? 8 : 6));
}

}  // namespace vern::metadata::detail
