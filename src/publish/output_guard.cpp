#include "publish/output_guard.h"

#include <system_error>

#include "core/atomic_write.h"
#include "site/site_writer.h"

namespace vern::publish {
namespace {

namespace fs = std::filesystem;

// `inner` equals `outer` or lies below it (both absolute and normalised).
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto o = outer.begin();
  auto i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

fs::path resolved(const fs::path& path) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? fs::absolute(path).lexically_normal() : canonical;
}

}  // namespace

Result<void> check_output_folder(const fs::path& photos, const fs::path& output, bool force) {
  const fs::path site = resolved(output);
  const fs::path source = resolved(photos);
  if (site == site.root_path()) {
    return fail(ErrorCode::kInvalidInput, "refusing to write a site into the file system root",
                output.string());
  }
  if (is_within(site, source)) {
    return fail(
        ErrorCode::kInvalidInput,
        "refusing to write the site into the photo folder; choose an output folder outside " +
            photos.string(),
        output.string());
  }
  if (is_within(source, site)) {
    return fail(ErrorCode::kInvalidInput,
                "refusing to write the site into a folder that contains the photos",
                output.string());
  }
  std::error_code ec;
  // A first build killed before its marker was in place leaves only its temporary files.
  const auto holds_only_our_debris = [&] {
    for (fs::directory_iterator it(site, ec), end; !ec && it != end; it.increment(ec)) {
      if (!is_temporary_name(it->path().filename().string())) return false;
    }
    return !ec;
  };
  if (fs::exists(site, ec) && !fs::is_directory(site, ec)) {
    return fail(ErrorCode::kInvalidInput, "output exists and is not a folder", output.string());
  }
  if (!force && fs::is_directory(site, ec) && !fs::is_empty(site, ec) &&
      !fs::exists(site / site::kSiteMarker, ec) && !holds_only_our_debris()) {
    return fail(ErrorCode::kInvalidInput,
                "output folder is not empty and is not a Vernissage site; use --force to write "
                "into it anyway",
                output.string());
  }
  return {};
}

}  // namespace vern::publish
