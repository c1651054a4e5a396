#include "catalogue/catalogue_copy.h"

namespace vern::catalogue {

Result<CatalogueContents> read_contents(CatalogueTables& tables) {
  CatalogueContents contents;
  auto photos = tables.photos->all();
  if (!photos) return tl::unexpected(photos.error());
  contents.photos = std::move(*photos);
  auto shares = tables.shares->all();
  if (!shares) return tl::unexpected(shares.error());
  contents.shares = std::move(*shares);
  for (const auto& share : contents.shares) {
    auto views = tables.shares->views(share.id);
    if (!views) return tl::unexpected(views.error());
    contents.views.insert(contents.views.end(), views->begin(), views->end());
    auto marks = tables.shares->marks(share.id);
    if (!marks) return tl::unexpected(marks.error());
    contents.marks.insert(contents.marks.end(), marks->begin(), marks->end());
  }
  return contents;
}

ContentCounts count(const CatalogueContents& contents) {
  return {contents.photos.size(), contents.shares.size(), contents.views.size(),
          contents.marks.size()};
}

Result<ContentCounts> copy_catalogue(CatalogueTables& from, CatalogueTables& to,
                                     const std::function<void(const std::string&)>& stage) {
  const auto tell = [&](const std::string& what) {
    if (stage) stage(what);
  };
  tell("reading");
  auto contents = read_contents(from);
  if (!contents) return tl::unexpected(contents.error());
  const auto expected = count(*contents);
  tell("writing " + std::to_string(expected.photos) + " photos, " +
       std::to_string(expected.shares) + " shares, " + std::to_string(expected.views) +
       " share views and " + std::to_string(expected.marks) + " marks");
  if (auto r = to.loader->load(*contents); !r) return tl::unexpected(r.error());
  *contents = {};  // freed before the copy is read back: one catalogue in memory at a time
  tell("counting");
  contents = read_contents(to);
  if (!contents) return tl::unexpected(contents.error());
  const auto copied = count(*contents);
  const struct {
    const char* table;
    std::size_t want, got;
  } checks[] = {{"photos", expected.photos, copied.photos},
                {"shares", expected.shares, copied.shares},
                {"share views", expected.views, copied.views},
                {"share marks", expected.marks, copied.marks}};
  for (const auto& check : checks) {
    if (check.want != check.got) {
      return fail(ErrorCode::kInternal, std::string("copy incomplete: ") + check.table + ": " +
                                            std::to_string(check.got) + " of " +
                                            std::to_string(check.want));
    }
  }
  return copied;
}

}  // namespace vern::catalogue
