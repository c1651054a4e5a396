#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace vern::test {

using namespace std::chrono_literals;

ServerProcess::ServerProcess(const std::filesystem::path& catalogue,
                             std::vector<std::string> extra) {
  std::vector<std::string> args = {test::binary().string(), "serve",       "--listen",
                                   "127.0.0.1:0",           "--catalogue", catalogue.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, (logs_ / "out").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (logs_ / "err").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start vernissage serve");
  }
  posix_spawn_file_actions_destroy(&actions);
  const std::regex listening(R"(listening on 127\.0\.0\.1:(\d+))");
  for (int i = 0; i < 200 && port_ == 0; ++i) {
    std::smatch m;
    const auto out = read_text(logs_ / "out");
    if (std::regex_search(out, m, listening)) port_ = std::stoi(m[1]);
    if (port_ == 0) std::this_thread::sleep_for(50ms);
  }
  if (port_ == 0) throw std::runtime_error("serve did not start: " + errors());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

int ServerProcess::stop() {
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

double ServerProcess::peak_rss_mb() const {
  const auto status = read_text("/proc/" + std::to_string(pid_) + "/status");
  std::smatch m;
  return std::regex_search(status, m, std::regex(R"(VmHWM:\s+(\d+))")) ? std::stod(m[1]) / 1024
                                                                       : -1;
}

std::string ServerProcess::desk_url() const {
  std::smatch m;
  const auto out = read_text(logs_ / "out");
  return std::regex_search(out, m, std::regex(R"((http://\S+/desk/\?token=\S+))")) ? m[1].str()
                                                                                   : "";
}

Reply curl(const std::string& url, std::vector<std::string> extra) {
  TempDir dir;
  std::vector<std::string> argv = {"curl",
                                   "-sS",
                                   "--path-as-is",
                                   "--max-time",
                                   "60",
                                   "-D",
                                   (dir / "headers").string(),
                                   "-o",
                                   (dir / "body").string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(url);
  const auto run = run_program(argv);
  if (run.exit_code != 0) throw std::runtime_error("curl failed: " + run.err);
  Reply reply;
  std::istringstream lines(read_text(dir / "headers"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("HTTP/")) {
      reply.status = std::stoi(line.substr(line.find(' ') + 1));
      reply.headers.clear();
    } else if (const auto colon = line.find(':'); colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = line.substr(colon + 2);
    }
  }
  reply.body = read_text(dir / "body");
  return reply;
}

}  // namespace vern::test
