#include "server/view_log.h"

#include <chrono>

namespace vern::server {
namespace {
constexpr auto kBatchInterval = std::chrono::seconds(1);
constexpr std::size_t kMaxQueued = 100'000;  // a flood beyond this is dropped, not kept in memory
}  // namespace

ViewLog::ViewLog(catalogue::ShareTable& shares, Logger& logger)
    : shares_(shares), logger_(logger), writer_([this] { write_batches(); }) {}

ViewLog::~ViewLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void ViewLog::record(catalogue::ShareView view) {
  std::lock_guard lock(mutex_);
  if (queued_.size() < kMaxQueued) queued_.push_back(std::move(view));
}

void ViewLog::write_batches() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, kBatchInterval, [&] { return stopping_; });
    std::vector<catalogue::ShareView> batch;
    batch.swap(queued_);
    const bool last = stopping_;
    lock.unlock();
    if (auto written = shares_.record_views(batch); !written) {
      logger_.warn(written.error().describe() + " (" + std::to_string(batch.size()) +
                   " views not logged)");
    }
    if (last) return;
    lock.lock();
  }
}

}  // namespace vern::server
