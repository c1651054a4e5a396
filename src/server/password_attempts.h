#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace vern::server {

// Wrong passwords, counted per share and client address and per share alone, over a sliding
// minute: a guesser gets kPerClient tries a minute from one address, and a share gets
// kPerShare a minute from all addresses together (a guesser with many addresses). Memory is
// bounded: old entries are dropped, and past kMaxTracked keys the oldest are forgotten.
class PasswordAttempts {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kPerClient = 5;
  static constexpr int kPerShare = 20;
  static constexpr std::chrono::seconds kWindow{60};
  static constexpr std::size_t kMaxTracked = 100'000;

  // Zero when a try is allowed now; else how long until the next one is.
  std::chrono::seconds wait_before_try(std::int64_t share, const std::string& client,
                                       Clock::time_point now);

  // Counts a wrong password.
  void record_failure(std::int64_t share, const std::string& client, Clock::time_point now);

 private:
  using Key = std::pair<std::int64_t, std::string>;  // client "" counts the whole share
  std::chrono::seconds wait_for(const Key& key, int limit, Clock::time_point now);
  void forget_old(Clock::time_point now);

  std::mutex mutex_;
  std::map<Key, std::deque<Clock::time_point>> failures_;
};

}  // namespace vern::server
