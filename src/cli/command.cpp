#include "cli/command.h"

namespace vern::cli {

void add_catalogue_flag(CLI::App& command, std::string& file) {
  command.add_option("--catalogue", file,
                     "Catalogue: a SQLite file, or a PostgreSQL database as "
                     "postgresql://USER@HOST/DB (default: $VERNISSAGE_CATALOGUE, else "
                     "[catalogue] path in settings, else ~/.local/share/vernissage/catalogue.db)");
}

void add_jobs_flag(CLI::App& command, int& jobs, const std::string& what) {
  command.add_option("-j,--jobs", jobs, "Photos " + what + " in parallel (default: cores + 1)")
      ->check(CLI::Range(1, 1024));
}

void add_max_megapixels_flag(CLI::App& command, std::optional<long long>& megapixels) {
  command
      .add_option("--max-megapixels", megapixels,
                  "Refuse images larger than this before decoding (default: 200)")
      ->check(CLI::Range(1LL, 100000LL));
}

void add_prefer_flag(CLI::App& command, std::optional<std::string>& prefer) {
  command
      .add_option("--prefer", prefer,
                  "A RAW and a JPEG of one name in one folder are one photo: show the JPEG as "
                  "the photographer made it (\"jpeg\", default), or develop the RAW (\"raw\")")
      ->check(CLI::IsMember({"jpeg", "raw"}));
}

void add_quiet_flag(CLI::App& command, bool& quiet) {
  command.add_flag("-q,--quiet", quiet, "Print only warnings and errors");
}

}  // namespace vern::cli
