#include "core/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace vern {
namespace {

TEST(ParallelFor, CallsTheBodyOnceForEveryIndex) {
  std::vector<std::atomic<int>> calls(1000);
  parallel_for(calls.size(), 4, [&](std::size_t i) { ++calls[i]; });
  for (const auto& c : calls) EXPECT_EQ(c.load(), 1);
}

TEST(ParallelFor, NoTwoItemsInFlightShareAWorkerNumber) {
  constexpr int kWorkers = 3;
  std::vector<std::atomic<int>> busy(kWorkers);
  std::atomic<int> clashes{0}, out_of_range{0};
  std::mutex seen_lock;
  std::set<int> seen;
  parallel_for(300, kWorkers, [&](std::size_t, int worker) {
    if (worker < 0 || worker >= kWorkers) {
      ++out_of_range;
      return;
    }
    if (busy[worker]++ != 0) ++clashes;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    --busy[worker];
    const std::lock_guard lock(seen_lock);
    seen.insert(worker);
  });
  EXPECT_EQ(out_of_range.load(), 0);
  EXPECT_EQ(clashes.load(), 0);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWorkers));
}

TEST(ParallelFor, NeverStartsMoreWorkersThanItems) {
  std::atomic<int> highest{-1};
  parallel_for(2, 8, [&](std::size_t, int worker) {
    int seen = highest.load();
    while (worker > seen && !highest.compare_exchange_weak(seen, worker)) {
    }
  });
  EXPECT_LE(highest.load(), 1);
}

}  // namespace
}  // namespace vern
