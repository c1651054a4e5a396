#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <type_traits>
#include <vector>

namespace vern {

// One worker more than there are cores: while one waits for the disk or does its serial part
// (reading metadata, writing files), the cores stay busy. Measured on 2 cores, 23 photos, three
// JPEG sizes: 2 workers 3.08 s, 3 workers 2.83 s, 4 workers 3.53 s. `requested` > 0 wins.
inline int worker_count(int requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? static_cast<int>(cores) + 1 : 2;
}

// Calls body(i) for every i in [0, count) on up to `workers` threads (the caller's among them),
// each taking the next index as it finishes one, so at most `workers` items are in flight however
// many there are. Returns when all are done. A body taking (i, worker) is also told which worker
// runs it, 0 to workers - 1, so that it can reuse what that worker made for the item before.
template <class Body>
void parallel_for(std::size_t count, int workers, Body&& body) {
  std::atomic<std::size_t> next{0};
  const auto work = [&](int worker) {
    for (std::size_t i = next++; i < count; i = next++) {
      if constexpr (std::is_invocable_v<Body&, std::size_t, int>) {
        body(i, worker);
      } else {
        body(i);
      }
    }
  };
  const int threads = static_cast<int>(
      std::min<std::size_t>(std::max(1, workers), std::max<std::size_t>(1, count)));
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
}

}  // namespace vern
