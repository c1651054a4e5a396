#include "server/password_attempts.h"

#include <algorithm>

namespace vern::server {

std::chrono::seconds PasswordAttempts::wait_for(const Key& key, int limit, Clock::time_point now) {
  const auto it = failures_.find(key);
  if (it == failures_.end()) return std::chrono::seconds(0);
  auto& times = it->second;
  while (!times.empty() && now - times.front() >= kWindow) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return std::chrono::seconds(0);
  // Allowed again when the oldest failure of the window leaves it; rounded up, at least 1 s.
  const auto left = kWindow - (now - times[times.size() - limit]);
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
}

std::chrono::seconds PasswordAttempts::wait_before_try(std::int64_t share,
                                                       const std::string& client,
                                                       Clock::time_point now) {
  std::lock_guard lock(mutex_);
  return std::max(wait_for({share, client}, kPerClient, now),
                  wait_for({share, ""}, kPerShare, now));
}

void PasswordAttempts::record_failure(std::int64_t share, const std::string& client,
                                      Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxTracked) forget_old(now);
  failures_[{share, client}].push_back(now);
  auto& whole = failures_[{share, ""}];
  whole.push_back(now);
  // Only the last kPerShare times matter for either limit.
  while (whole.size() > static_cast<std::size_t>(kPerShare)) whole.pop_front();
  auto& own = failures_[{share, client}];
  while (own.size() > static_cast<std::size_t>(kPerClient)) own.pop_front();
}

void PasswordAttempts::forget_old(Clock::time_point now) {
  std::erase_if(failures_, [&](const auto& entry) {
    return entry.second.empty() || now - entry.second.back() >= kWindow;
  });
  // Still full (a flood from many addresses within the window): forget every client entry.
  // The per-share entries remain and keep each share's own limit.
  if (failures_.size() >= kMaxTracked) {
    std::erase_if(failures_, [](const auto& entry) { return !entry.first.second.empty(); });
  }
}

}  // namespace vern::server
