#pragma once

#include <chrono>

#include "core/logger.h"

namespace vern {

// Time as the program measures durations with it: the steady clock, or one a test sets.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual std::chrono::steady_clock::time_point now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  [[nodiscard]] std::chrono::steady_clock::time_point now() const override {
    return std::chrono::steady_clock::now();
  }
};

// What a long-running call of a stage is handed besides its inputs and settings, as leveldb
// hands its Env: where its messages go and the clock it times itself with. Nothing in it changes
// what the call produces; tests pass a recording logger and a clock of their own. Both must
// outlive the call.
struct Context {
  Logger& logger;
  const Clock& clock;
};

}  // namespace vern
