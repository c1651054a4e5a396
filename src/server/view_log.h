#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "catalogue/share_table.h"
#include "core/logger.h"

namespace vern::server {

// Writes the views of shares to the catalogue in batches, from a thread of its own: a page
// request never waits for a write transaction, and a burst of requests costs one transaction a
// second. Whatever is queued is written when the log is destroyed.
class ViewLog {
 public:
  ViewLog(catalogue::ShareTable& shares, Logger& logger);
  ~ViewLog();
  ViewLog(const ViewLog&) = delete;
  ViewLog& operator=(const ViewLog&) = delete;

  void record(catalogue::ShareView view);

 private:
  void write_batches();

  catalogue::ShareTable& shares_;
  Logger& logger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<catalogue::ShareView> queued_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace vern::server
