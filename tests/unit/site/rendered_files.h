#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "site/site_renderer.h"

namespace vern::site::test_render {

// Every file render_site makes of `root` with `settings`, by its path in the site.
inline std::map<std::string, std::string> render(const FolderInput& root,
                                                 const SiteSettings& settings = {}) {
  const auto theme = Theme::load(std::nullopt);
  EXPECT_TRUE(theme);
  const Album gallery = make_gallery(root, settings.title);
  const auto files = render_site(gallery, settings, *theme);
  EXPECT_TRUE(files) << (files ? "" : files.error().describe());
  std::map<std::string, std::string> by_path;
  if (files) {
    for (const auto& f : files->files) by_path[f.relative_path] = f.contents;
  }
  return by_path;
}

}  // namespace vern::site::test_render
