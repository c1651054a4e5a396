#include "cli/config_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "catalogue/catalogue_tables.h"
#include "core/ascii_case.h"

namespace vern::cli {
namespace {

class ConfigReader {
 public:
  ConfigReader(std::string name, BuildOptions& options)
      : file_(std::move(name)), options_(options) {}

  Result<void> read(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      return fail(ErrorCode::kInvalidInput,
                  "line " + std::to_string(where.line) + ": " + std::string(e.description()),
                  file_);
    }
    for (const auto& [key, node] : root) {
      const std::string name(key.str());
      if (!node.is_table()) return unknown(name);
      if (name == "site") {
        if (auto r = read_site(*node.as_table()); !r) return r;
      } else if (name == "images") {
        if (auto r = read_images(*node.as_table()); !r) return r;
      } else if (name == "privacy") {
        if (auto r = read_privacy(*node.as_table()); !r) return r;
      } else if (name == "catalogue") {
        if (auto r = read_catalogue(*node.as_table()); !r) return r;
      } else {
        return unknown(name);
      }
    }
    return {};
  }

 private:
  Result<void> read_site(const toml::table& table) {
    auto& site = options_.site;
    for (const auto& [key, node] : table) {
      const std::string name = "site." + std::string(key.str());
      if (name == "site.show_prices") {
        const auto value = node.value<bool>();
        if (!value) return wrong_type(name, "true or false");
        site.show_prices = *value;
        continue;
      }
      if (name == "site.links") {
        if (auto r = read_links(name, node); !r) return r;
        continue;
      }
      std::string* target = name == "site.title"         ? &site.title
                            : name == "site.description" ? &site.description
                            : name == "site.statement"   ? &site.statement
                            : name == "site.author"      ? &site.author
                            : name == "site.copyright"   ? &site.copyright
                            : name == "site.language"    ? &site.language
                            : name == "site.base_url"    ? &site.base_url
                            : name == "site.contact"     ? &site.contact
                            : name == "site.email"       ? &site.email
                            : name == "site.cover"       ? &site.cover
                                                         : nullptr;
      if (target == nullptr) return unknown(name);
      const auto value = node.value<std::string>();
      if (!value) return wrong_type(name, "a string");
      if (name == "site.email" && !is_email_address(*value)) {
        return wrong_type(name, "an e-mail address, like \"studio@example.org\"");
      }
      if (name == "site.cover" && !is_relative_path_inside(*value)) {
        return wrong_type(name, "a photo's path in PHOTOS, like \"streets/IMG_0412.jpg\"");
      }
      *target = *value;
    }
    return {};
  }

  // [[site.links]] title = "Instagram", url = "https://…": in the order written.
  Result<void> read_links(const std::string& name, const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr) return wrong_type(name, "a list of { title = \"…\", url = \"…\" }");
    options_.site.links.clear();
    for (const auto& item : *array) {
      const auto* link = item.as_table();
      const auto title = link ? (*link)["title"].value<std::string>() : std::nullopt;
      const auto url = link ? (*link)["url"].value<std::string>() : std::nullopt;
      if (!title || title->empty() || !url || link->size() != 2) {
        return wrong_type(name, "a list of { title = \"…\", url = \"…\" }");
      }
      // Only addresses a visitor's browser opens as a page or a message: no javascript:.
      if (!url->starts_with("https://") && !url->starts_with("http://") &&
          !url->starts_with("mailto:")) {
        return wrong_type(name + " url",
                          "an https://, http:// or mailto: address (got \"" + *url + "\")");
      }
      options_.site.links.push_back({*title, *url});
    }
    return {};
  }

  static bool is_email_address(const std::string& text) {
    const auto at = text.find('@');
    return at != std::string::npos && at > 0 && at + 1 < text.size() &&
           text.find_first_of(" \t\r\n<>\"'/:") == std::string::npos &&
           text.find('@', at + 1) == std::string::npos;
  }

  // A path below the photo folder, written with slashes: never absolute, never "..".
  static bool is_relative_path_inside(const std::string& text) {
    if (text.empty() || text.front() == '/' || text.find('\\') != std::string::npos) return false;
    for (const auto& part : std::filesystem::path(text)) {
      if (part == "..") return false;
    }
    return true;
  }

  Result<void> read_images(const toml::table& table) {
    auto& imaging = options_.imaging;
    for (const auto& [key, node] : table) {
      const std::string name = "images." + std::string(key.str());
      if (name == "images.sizes") {
        const auto* array = node.as_array();
        if (array == nullptr || array->empty()) return wrong_type(name, "a list of pixel sizes");
        imaging.long_edges.clear();
        for (const auto& item : *array) {
          const auto size = item.value<int64_t>();
          if (!size || *size < 16 || *size > 16384) {
            return wrong_type(name, "a list of whole numbers between 16 and 16384");
          }
          imaging.long_edges.push_back(static_cast<int>(*size));
        }
      } else if (name == "images.formats") {
        const auto* array = node.as_array();
        if (array == nullptr || array->empty()) return wrong_type(name, "a list of formats");
        std::vector<Encoding> encodings;
        for (const auto& item : *array) {
          const auto text = item.value<std::string>();
          const auto format = text ? parse_output_format(*text) : std::nullopt;
          if (!format) return wrong_type(name, "a list of \"avif\", \"webp\", \"jpeg\"");
          encodings.push_back({*format, quality_for(*format)});
        }
        imaging.encodings = encodings;
      } else if (name == "images.quality") {
        const auto* qualities = node.as_table();
        if (qualities == nullptr) return wrong_type(name, "a table such as { jpeg = 82 }");
        for (const auto& [format_key, value] : *qualities) {
          const auto format = parse_output_format(format_key.str());
          const auto q = value.value<int64_t>();
          if (!format) return unknown(name + "." + std::string(format_key.str()));
          if (!q || *q < 1 || *q > 100) return wrong_type(name, "qualities between 1 and 100");
          qualities_[*format] = static_cast<int>(*q);
        }
        for (auto& encoding : imaging.encodings) encoding.quality = quality_for(encoding.format);
      } else if (name == "images.sharpen") {
        const auto sigma = node.value<double>();
        if (!sigma || *sigma < 0 || *sigma > 2) return wrong_type(name, "a number from 0 to 2");
        imaging.sharpen_amount = *sigma;
      } else if (name == "images.raw") {
        const auto text = node.value<std::string>();
        const auto mode = text ? imaging::raw_mode_from_name(*text) : std::nullopt;
        if (!mode) return wrong_type(name, "\"preview\" or \"develop\"");
        imaging.raw = *mode;
      } else if (name == "images.prefer") {
        const auto text = node.value<std::string>();
        const auto prefer = text ? scan::pair_preference_from_name(*text) : std::nullopt;
        if (!prefer) return wrong_type(name, "\"jpeg\" or \"raw\"");
        options_.prefer = *prefer;
      } else if (name == "images.max_megapixels") {
        const auto mp = node.value<int64_t>();
        if (!mp || *mp < 1 || *mp > 100000) return wrong_type(name, "a whole number of megapixels");
        imaging.max_pixels = imaging::pixels_in_megapixels(*mp);
      } else {
        return unknown(name);
      }
    }
    return {};
  }

  Result<void> read_privacy(const toml::table& table) {
    for (const auto& [key, node] : table) {
      const std::string name = "privacy." + std::string(key.str());
      bool* target = name == "privacy.keep_location"       ? &options_.site.keep_location
                     : name == "privacy.include_originals" ? &options_.include_originals
                                                           : nullptr;
      if (target == nullptr) return unknown(name);
      const auto value = node.value<bool>();
      if (!value) return wrong_type(name, "true or false");
      *target = *value;
    }
    return {};
  }

  Result<void> read_catalogue(const toml::table& table) {
    for (const auto& [key, node] : table) {
      const std::string name = "catalogue." + std::string(key.str());
      if (name != "catalogue.path") return unknown(name);
      const auto value = node.value<std::string>();
      if (!value || value->empty()) return wrong_type(name, "a file path or postgresql:// URL");
      // A file is relative to the settings file, so the setting means the same from any
      // working folder.
      options_.catalogue_setting = catalogue::is_postgres_location(*value)
                                       ? std::filesystem::path(*value)
                                       : std::filesystem::path(file_).parent_path() / *value;
    }
    return {};
  }

  int quality_for(OutputFormat format) const {
    const auto it = qualities_.find(format);
    return it != qualities_.end() ? it->second : default_quality(format);
  }

  Result<void> unknown(const std::string& key) const {
    return fail(ErrorCode::kInvalidInput, "unknown setting \"" + key + "\"", file_);
  }
  Result<void> wrong_type(const std::string& key, const std::string& expected) const {
    return fail(ErrorCode::kInvalidInput, "setting \"" + key + "\" must be " + expected, file_);
  }

  const std::string file_;
  BuildOptions& options_;
  std::map<OutputFormat, int> qualities_;
};

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n == "avif") return OutputFormat::kAvif;
  if (n == "webp") return OutputFormat::kWebp;
  if (n == "jpeg" || n == "jpg") return OutputFormat::kJpeg;
  return std::nullopt;
}

int default_quality(OutputFormat format) {
  switch (format) {
    case OutputFormat::kAvif:
      return 55;
    case OutputFormat::kWebp:
      return 80;
    case OutputFormat::kJpeg:
      return 82;
  }
  return 82;
}

Result<void> apply_config_text(std::string_view text, const std::string& name,
                               BuildOptions& options) {
  return ConfigReader(name, options).read(text);
}

Result<void> apply_config_file(const std::filesystem::path& file, BuildOptions& options) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::kIo, "cannot read settings file", file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return apply_config_text(text.str(), file.string(), options);
}

}  // namespace vern::cli
