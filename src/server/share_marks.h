#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/share_table.h"
#include "core/result.h"
#include "server/share_gallery.h"

// What a recipient's browser sends and reads of their marks (picks, rejects, ratings,
// comments), as JSON, apart from HTTP: the server routes, this checks and converts.
namespace vern::server {

// The longest comment kept, in bytes.
inline constexpr std::size_t kMaxCommentBytes = 2000;

// {"photo": SLUG, "state": "pick"|"reject"|null, "rating": 1..5|null, "comment": TEXT|null}
// as a mark of the gallery's photo SLUG. Fails (kInvalidInput, with the reason) on malformed
// JSON, an unknown photo, a state, rating or comment out of range. An empty comment is none.
[[nodiscard]] Result<catalogue::ShareMark> parse_mark(std::string_view json,
                                                      const ShareGallery& gallery,
                                                      std::int64_t share_id,
                                                      const std::string& now);

// {"csrf": TOKEN|null, "sent": TIME|null, "downloads": "none"|"web"|"original", "marks":
// {SLUG: {"state", "rating", "comment", "updated"}}}: what the page's script starts from.
std::string marks_json(const std::vector<catalogue::ShareMark>& marks, const ShareGallery& gallery,
                       const std::optional<std::string>& sent,
                       const std::optional<std::string>& csrf, const std::string& downloads);

// One mark as its JSON object, with its photo's slug.
std::string mark_json(const catalogue::ShareMark& mark, const ShareGallery& gallery);

}  // namespace vern::server
