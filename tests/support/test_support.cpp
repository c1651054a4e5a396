#include "support/test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace vern::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("vern-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may leave read-only files or folders behind; make them removable first.
  for (fs::recursive_directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

fs::path data_file(const std::string& relative) { return fs::path(VERN_TEST_DATA) / relative; }
fs::path examples_dir() { return fs::path(VERN_EXAMPLES); }
fs::path shared_photos() { return fs::path(VERN_PHOTOS); }
fs::path binary() { return fs::path(VERN_BINARY); }

void copy_into(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  if (fs::is_directory(to)) {
    for (const auto& entry : fs::recursive_directory_iterator(to)) {
      fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::add);
    }
  }
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<unsigned char> read_bytes(const fs::path& file) {
  const std::string text = read_text(file);
  return {text.begin(), text.end()};
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
}

CommandResult run_vernissage(const std::vector<std::string>& args) {
  return run_vernissage(args, {});
}

CommandResult run_vernissage(const std::vector<std::string>& args,
                             const std::map<std::string, std::optional<std::string>>& environment) {
  return run_vernissage(args, environment, {});
}

CommandResult run_vernissage(const std::vector<std::string>& args,
                             const std::map<std::string, std::optional<std::string>>& environment,
                             const std::string& input) {
  std::vector<std::string> argv = {binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, environment, input);
}

CommandResult run_program(const std::vector<std::string>& argv_in,
                          const std::map<std::string, std::optional<std::string>>& environment,
                          const std::string& input) {
  TempDir capture;
  const fs::path in_file = capture / "stdin";
  write_text(in_file, input);
  const fs::path out_file = capture / "stdout";
  const fs::path err_file = capture / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, in_file.c_str(), O_RDONLY, 0);
  std::vector<std::string> argv_storage = argv_in;
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Every run gets a catalogue of its own unless the test names one with --catalogue, so tests
  // never touch the user's catalogue or each other's.
  std::map<std::string, std::optional<std::string>> changes = environment;
  changes.try_emplace("VERNISSAGE_CATALOGUE", (capture / "catalogue.db").string());
  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (!changes.contains(std::string(entry.substr(0, entry.find('=')))))
      env_storage.emplace_back(entry);
  }
  for (const auto& [name, value] : changes) {
    if (value) env_storage.push_back(name + "=" + *value);
  }
  std::vector<char*> env;
  for (auto& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  CommandResult result;
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), env.data()) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    throw std::runtime_error("cannot start " + argv_storage[0]);
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out_file);
  result.err = read_text(err_file);
  return result;
}

}  // namespace vern::test
