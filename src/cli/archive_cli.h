#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/archive_commands.h"

namespace vern::cli {

inline constexpr const char* kCatalogueHelp =
    "Catalogue file (default: $VERNISSAGE_CATALOGUE, else [catalogue] path in settings, else "
    "~/.local/share/vernissage/catalogue.db)";

// The archive's subcommands on the command line: `index`, `search` and `duplicates`, their flags,
// and running the one given.
class ArchiveCommands {
 public:
  explicit ArchiveCommands(CLI::App& app);
  ArchiveCommands(const ArchiveCommands&) = delete;
  ArchiveCommands& operator=(const ArchiveCommands&) = delete;

  [[nodiscard]] bool parsed() const {
    return index_->parsed() || search_->parsed() || duplicates_->parsed();
  }
  // Runs the parsed subcommand; returns its exit code.
  int run(const char* argv0);

 private:
  CLI::App* index_ = nullptr;
  CLI::App* search_ = nullptr;
  CLI::App* duplicates_ = nullptr;
  IndexCommand index_command_;
  std::string index_catalogue_;
  bool index_quiet_ = false;
  long long index_max_megapixels_ = 200;
  SearchCommand search_command_;
  std::vector<std::string> search_words_;
  std::string search_catalogue_;
  bool search_json_ = false, search_paths_ = false, search_verbose_ = false;
  DuplicatesCommand duplicates_command_;
  std::string duplicates_catalogue_;
};

}  // namespace vern::cli
