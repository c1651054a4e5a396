#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/test_support.h"

// `vernissage serve` run from outside, for the end-to-end tests: the process on a free loopback
// port, and curl.
namespace vern::test {

// A `vernissage serve` process, stopped with SIGTERM at the end.
class ServerProcess {
 public:
  explicit ServerProcess(const std::filesystem::path& catalogue,
                         std::vector<std::string> extra = {});
  ~ServerProcess();
  // SIGTERM, then the exit code.
  int stop();
  int port() const { return port_; }
  // The most memory the server has held so far (VmHWM), in MB.
  double peak_rss_mb() const;
  std::string desk_url() const;
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::string errors() const { return read_text(logs_ / "err"); }

 private:
  TempDir logs_;
  pid_t pid_ = 0;
  int port_ = 0;
};

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// curl, with the target sent as written (--path-as-is) and any other arguments.
Reply curl(const std::string& url, std::vector<std::string> extra = {});

}  // namespace vern::test
