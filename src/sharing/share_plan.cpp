#include "sharing/share_plan.h"

#include <charconv>
#include <ctime>
#include <filesystem>

#include "catalogue/search_query.h"

namespace vern::sharing {
namespace {

// The calendar date YYYY-MM-DD as a time at 00:00:00 UTC; nullopt when it is not a real date.
std::optional<Clock::time_point> utc_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t length, int& out) {
    const auto* begin = text.data() + at;
    const auto [end, ec] = std::from_chars(begin, begin + length, out);
    return ec == std::errc() && end == begin + length;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(unsigned(m)),
                                         std::chrono::day(unsigned(d))};
  if (!date.ok()) return std::nullopt;
  return Clock::time_point(std::chrono::sys_days(date));
}

Result<std::vector<catalogue::PhotoRecord>> found_or_fail(
    Result<std::vector<catalogue::PhotoRecord>> found, const std::string& what) {
  if (!found) return found;
  if (found->empty()) return fail(ErrorCode::kInvalidInput, "no photo in the catalogue " + what);
  return found;
}

}  // namespace

std::string iso_utc(Clock::time_point time) {
  const std::time_t t = Clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Result<std::string> expiry_from(std::string_view text, Clock::time_point now) {
  const auto bad = [&] {
    return fail(ErrorCode::kInvalidInput,
                "--expires takes days (14d), hours (36h) or a date (2026-12-31), not \"" +
                    std::string(text) + "\"");
  };
  std::optional<Clock::time_point> at;
  if (!text.empty() && (text.back() == 'd' || text.back() == 'h')) {
    int count = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, count);
    if (ec != std::errc() || end != text.data() + text.size() - 1 || count <= 0 || count > 3650) {
      return bad();
    }
    at = now + std::chrono::hours(text.back() == 'd' ? 24 * count : count);
  } else if (const auto day = utc_date(text)) {
    at = *day + std::chrono::hours(24) - std::chrono::seconds(1);
  } else {
    return bad();
  }
  if (*at <= now) {
    return fail(ErrorCode::kInvalidInput, "--expires " + std::string(text) + " is already past");
  }
  return iso_utc(*at);
}

Result<std::vector<catalogue::PhotoRecord>> album_photos(catalogue::Catalogue& catalogue,
                                                         const std::string& folder,
                                                         bool recursive) {
  catalogue::SearchQuery query;
  query.under = {folder};
  query.sort = catalogue::SortField::kTaken;
  auto found = catalogue.search(query);
  if (!found) return found;
  if (!recursive) {
    std::erase_if(*found, [&](const catalogue::PhotoRecord& photo) {
      return std::filesystem::path(photo.path).parent_path() != std::filesystem::path(folder);
    });
  }
  return found_or_fail(std::move(found), "under " + folder);
}

Result<std::vector<catalogue::PhotoRecord>> selected_photos(catalogue::Catalogue& catalogue,
                                                            std::string_view text) {
  auto query = catalogue::parse_search_query(text);
  if (!query) return fail(ErrorCode::kInvalidInput, "--select: " + query.error().message);
  if (query->sort == catalogue::SortField::kRelevance) query->sort = catalogue::SortField::kTaken;
  query->limit = 0;
  return found_or_fail(catalogue.search(*query), "matches \"" + std::string(text) + "\"");
}

std::string share_state(const catalogue::Share& share, Clock::time_point now) {
  if (share.revoked) return "revoked";
  // ISO 8601 UTC strings of one width compare as the times they name.
  if (share.expires && *share.expires <= iso_utc(now)) return "expired";
  return "active";
}

}  // namespace vern::sharing
