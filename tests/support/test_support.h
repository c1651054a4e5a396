#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vern::test {

// A fresh folder under the system temp folder, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A test photo made from ../shared/photos by scripts/make-test-photos.sh: data/<relative> in the
// build tree (edge cases and files derived from them).
std::filesystem::path data_file(const std::string& relative);
// The demo archive, at 3000 px at most, made the same way.
std::filesystem::path examples_dir();
// ../shared/photos itself (VERNISSAGE_PHOTOS): read, copy, never write.
std::filesystem::path shared_photos();
// The built vernissage binary.
std::filesystem::path binary();

// Copies a file or folder tree, making the copies writable (test data is checked in read-only
// on some machines), and creating parent folders of `to`.
void copy_into(const std::filesystem::path& from, const std::filesystem::path& to);

std::string read_text(const std::filesystem::path& file);
std::vector<unsigned char> read_bytes(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& text);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the vernissage binary with `args` (no shell involved), capturing both streams.
CommandResult run_vernissage(const std::vector<std::string>& args);

// The same with changes to the environment: a variable mapped to nullopt is removed. Unless
// VERNISSAGE_CATALOGUE is named here, the run gets a catalogue of its own.
CommandResult run_vernissage(const std::vector<std::string>& args,
                             const std::map<std::string, std::optional<std::string>>& environment);

// The same with `input` on standard input (else /dev/null).
CommandResult run_vernissage(const std::vector<std::string>& args,
                             const std::map<std::string, std::optional<std::string>>& environment,
                             const std::string& input);

// Any program (looked up in PATH unless argv[0] has a slash), the same way as run_vernissage.
CommandResult run_program(const std::vector<std::string>& argv,
                          const std::map<std::string, std::optional<std::string>>& environment = {},
                          const std::string& input = {});

}  // namespace vern::test
