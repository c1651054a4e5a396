#include "cli/progress.h"

#include <cstdio>
#include <string>

namespace vern::cli {
namespace {

std::string duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  }
  return buffer;
}

}  // namespace

Progress::Progress(Logger& logger, int total, bool terminal)
    : logger_(logger),
      total_(total),
      terminal_(terminal),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::advance() {
  std::lock_guard lock(mutex_);
  ++done_;
  draw(done_ == total_);
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (terminal_ && logger_.verbosity() != Verbosity::kQuiet) logger_.clear_status();
}

void Progress::draw(bool force) {
  if (logger_.verbosity() == Verbosity::kQuiet || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  const auto since_draw = now - last_draw_;
  // A terminal bar redraws ten times a second; log lines come every five seconds.
  if (!force &&
      since_draw < (terminal_ ? std::chrono::milliseconds(100) : std::chrono::seconds(5))) {
    return;
  }
  if (!terminal_ && force && done_ == total_ && now - start_ < std::chrono::seconds(5)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? done_ / elapsed : 0;
  const std::string eta = rate > 0 ? duration((total_ - done_) / rate) : "--:--";
  char figures[96];
  std::snprintf(figures, sizeof figures, "%d/%d photos  %.1f photos/s  ETA %s", done_, total_, rate,
                eta.c_str());
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = total_ > 0 ? done_ * kWidth / total_ : kWidth;
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "[" + std::string(...).
    std::string bar = "[";
    bar.append(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '.');
    bar += "] ";
    bar += figures;
    logger_.status(bar);
  } else {
    logger_.info(std::string("progress: ") + figures);
  }
}

}  // namespace vern::cli
