#include "server/password_attempts.h"

#include <gtest/gtest.h>

namespace vern::server {
namespace {

using std::chrono::seconds;

TEST(PasswordAttempts, FiveWrongTriesAMinuteFromOneAddressThenAWait) {
  PasswordAttempts attempts;
  const auto start = PasswordAttempts::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < PasswordAttempts::kPerClient; ++i) {
    EXPECT_EQ(attempts.wait_before_try(1, "10.0.0.1", start + seconds(i)), seconds(0));
    attempts.record_failure(1, "10.0.0.1", start + seconds(i));
  }
  const auto wait = attempts.wait_before_try(1, "10.0.0.1", start + seconds(5));
  EXPECT_EQ(wait, seconds(55));  // until the first failure leaves the minute
  // Other addresses and other shares are not held up.
  EXPECT_EQ(attempts.wait_before_try(1, "10.0.0.2", start + seconds(5)), seconds(0));
  EXPECT_EQ(attempts.wait_before_try(2, "10.0.0.1", start + seconds(5)), seconds(0));
  // A minute after the first failure, one more try is allowed.
  EXPECT_EQ(attempts.wait_before_try(1, "10.0.0.1", start + seconds(60)), seconds(0));
}

TEST(PasswordAttempts, ManyAddressesTogetherHitTheShareLimit) {
  PasswordAttempts attempts;
  const auto now = PasswordAttempts::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < PasswordAttempts::kPerShare; ++i) {
    attempts.record_failure(7, "10.0.1." + std::to_string(i), now);
  }
  EXPECT_GT(attempts.wait_before_try(7, "10.9.9.9", now), seconds(0));
  EXPECT_EQ(attempts.wait_before_try(8, "10.9.9.9", now), seconds(0));
}

}  // namespace
}  // namespace vern::server
