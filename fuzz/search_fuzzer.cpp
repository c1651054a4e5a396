// libFuzzer target: any query text must either be refused by the parser with a message or run
// against a real catalogue without an SQL error (FTS5 syntax in user text must stay text).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "catalogue/catalogue.h"

namespace {

vern::catalogue::Catalogue& catalogue() {
  static const std::unique_ptr<vern::catalogue::Catalogue> store = [] {
    auto opened = vern::catalogue::open_sqlite_catalogue(":memory:");
    if (!opened) std::abort();
    vern::catalogue::PhotoRecord r;
    r.path = "/archive/Москва/IMG_0412.jpg";
    r.content_hash = "h";
    r.format = "jpeg";
    r.metadata.title = "Performers on Red Square";
    r.metadata.caption = "Уличные артисты, São Paulo";
    r.metadata.keywords = {"Moscow", "street"};
    r.metadata.camera_make = "NIKON CORPORATION";
    r.metadata.camera_model = "NIKON D90";
    r.metadata.iso = 6400;
    r.metadata.taken_at = "2019-05-09T14:02:11+03:00";
    if (!(*opened)->put(r)) std::abort();
    return std::move(*opened);
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto query = vern::catalogue::parse_search_query(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!query) return 0;
  if (!catalogue().search(*query)) std::abort();  // a parsed query must run
  return 0;
}
