#pragma once

#include <chrono>
#include <mutex>

#include "core/logger.h"

namespace vern::cli {

// Progress of a long batch. On a terminal: one bar redrawn in place with done/total, photos/s and
// ETA. Otherwise (a log file, CI): a plain line every few seconds. Nothing with --quiet.
class Progress {
 public:
  Progress(Logger& logger, int total, bool terminal);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Counts one finished item; safe to call from any thread.
  void advance();
  // Clears the bar; the caller prints the summary next.
  void finish();

 private:
  void draw(bool force);

  Logger& logger_;
  const int total_;
  const bool terminal_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  int done_ = 0;
  bool finished_ = false;
  std::mutex mutex_;
};

}  // namespace vern::cli
