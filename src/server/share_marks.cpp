#include "server/share_marks.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace vern::server {
namespace {

nlohmann::ordered_json mark_object(const catalogue::ShareMark& mark) {
  nlohmann::ordered_json object;
  object["state"] = mark.state ? nlohmann::ordered_json(*mark.state) : nullptr;
  object["rating"] = mark.rating ? nlohmann::ordered_json(*mark.rating) : nullptr;
  object["comment"] = mark.comment ? nlohmann::ordered_json(*mark.comment) : nullptr;
  object["updated"] = mark.updated;
  return object;
}

Result<catalogue::ShareMark> invalid(const std::string& why) {
  return fail(ErrorCode::kInvalidInput, why);
}

}  // namespace

Result<catalogue::ShareMark> parse_mark(std::string_view json, const ShareGallery& gallery,
                                        std::int64_t share_id, const std::string& now) {
  const auto body = nlohmann::json::parse(json, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return invalid("not a JSON object");
  catalogue::ShareMark mark;
  mark.share_id = share_id;
  mark.updated = now;
  const auto photo = body.find("photo");
  if (photo == body.end() || !photo->is_string()) return invalid("no photo");
  const auto id = gallery.ids_by_slug.find(photo->get<std::string>());
  if (id == gallery.ids_by_slug.end()) return invalid("no such photo in this link");
  mark.photo_id = id->second;
  if (const auto state = body.find("state"); state != body.end() && !state->is_null()) {
    if (!state->is_string() || (*state != "pick" && *state != "reject")) {
      return invalid("state is pick, reject or null");
    }
    mark.state = state->get<std::string>();
  }
  if (const auto rating = body.find("rating"); rating != body.end() && !rating->is_null()) {
    if (!rating->is_number_integer() || *rating < 1 || *rating > 5) {
      return invalid("rating is 1 to 5 or null");
    }
    mark.rating = rating->get<int>();
  }
  if (const auto comment = body.find("comment"); comment != body.end() && !comment->is_null()) {
    if (!comment->is_string()) return invalid("comment is text or null");
    auto text = comment->get<std::string>();
    if (text.size() > kMaxCommentBytes || !is_valid_utf8(text)) {
      return invalid("comment is at most " + std::to_string(kMaxCommentBytes) + " bytes of UTF-8");
    }
    if (!text.empty()) mark.comment = std::move(text);
  }
  return mark;
}

std::string marks_json(const std::vector<catalogue::ShareMark>& marks, const ShareGallery& gallery,
                       const std::optional<std::string>& sent,
                       const std::optional<std::string>& csrf, const std::string& downloads) {
  nlohmann::ordered_json json;
  json["csrf"] = csrf ? nlohmann::ordered_json(*csrf) : nullptr;
  json["sent"] = sent ? nlohmann::ordered_json(*sent) : nullptr;
  json["downloads"] = downloads;
  json["marks"] = nlohmann::ordered_json::object();
  for (const auto& mark : marks) {
    const auto slug = gallery.slugs_by_id.find(mark.photo_id);
    if (slug != gallery.slugs_by_id.end()) json["marks"][slug->second] = mark_object(mark);
  }
  return json.dump();
}

std::string mark_json(const catalogue::ShareMark& mark, const ShareGallery& gallery) {
  auto object = mark_object(mark);
  const auto slug = gallery.slugs_by_id.find(mark.photo_id);
  object["photo"] = slug != gallery.slugs_by_id.end() ? slug->second : "";
  return object.dump();
}

}  // namespace vern::server
