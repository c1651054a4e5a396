#pragma once

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace vern::test {

// Every local URL a page refers to (href, src, each srcset candidate), decoded and resolved to a
// file path, with the page it came from.
struct Link {
  std::filesystem::path page;
  std::string url;
  std::filesystem::path target;
};

// Every regular file under `root` with its bytes, by relative path.
inline std::map<std::string, std::string> tree_contents(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files[entry.path().lexically_relative(root).string()] = read_text(entry.path());
    }
  }
  return files;
}

inline std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

inline std::string html_unescape(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&amp;", "&"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}};
  for (const auto& [entity, plain] : entities) {
    for (std::size_t at; (at = text.find(entity)) != std::string::npos;) {
      text.replace(at, std::string(entity).size(), plain);
    }
  }
  return text;
}

inline std::vector<Link> local_links(const std::filesystem::path& site) {
  std::vector<Link> links;
  const std::regex attribute(R"re((href|src|srcset)="([^"]*)")re");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(site)) {
    if (entry.path().extension() != ".html" || entry.path().filename() == "404.html") continue;
    const std::string html = read_text(entry.path());
    for (std::sregex_iterator it(html.begin(), html.end(), attribute), end; it != end; ++it) {
      std::vector<std::string> urls;
      const std::string value = html_unescape((*it)[2]);
      if ((*it)[1] == "srcset") {
        std::size_t start = 0;
        while (start < value.size()) {
          const std::size_t comma = value.find(", ", start);
          const std::string candidate = value.substr(start, comma - start);
          urls.push_back(candidate.substr(0, candidate.find(' ')));
          if (comma == std::string::npos) break;
          start = comma + 2;
        }
      } else {
        urls.push_back(value);
      }
      for (const auto& url : urls) {
        if (url.empty() || url.starts_with("http:") || url.starts_with("https:") ||
            url.starts_with("#") || url.starts_with("mailto:")) {
          continue;
        }
        const std::string path = percent_decode(url.substr(0, url.find_first_of("?#")));
        links.push_back(
            {entry.path(), url, (entry.path().parent_path() / path).lexically_normal()});
      }
    }
  }
  return links;
}

// Fails the current test for every local link of the site that names no file.
#define EXPECT_ALL_LINKS_RESOLVE(site)                         \
  for (const auto& link : ::vern::test::local_links(site)) {   \
    EXPECT_TRUE(std::filesystem::is_regular_file(link.target)) \
        << link.page << " links to missing " << link.url;      \
  }

}  // namespace vern::test
