#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace vern {

// What went wrong, in words a photographer can act on. `path` names the file concerned (empty when
// the error is not about one file). Errors are values: a broken photo in a batch of thousands is
// ordinary data, so it travels in the return type rather than as an exception.
enum class ErrorCode {
  kIo,            // the file system refused (missing, unreadable, disk full)
  kUnsupported,   // a format we recognise but cannot decode here
  kCorrupt,       // the bytes do not form a valid file of the claimed format
  kTooLarge,      // refused by a limit before decoding (decompression bomb, absurd header)
  kInvalidInput,  // a setting, album file or argument is wrong
  kInternal,      // a library failed in a way we did not expect
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string path;

  // "PATH: MESSAGE", or just MESSAGE when no file is concerned.
  [[nodiscard]] std::string describe() const {
    return path.empty() ? message : path + ": " + message;
  }
};

template <class T>
using Result = tl::expected<T, Error>;

// Shorthand for `return fail(ErrorCode::kIo, "cannot open", path);` in functions returning Result.
[[nodiscard]] inline tl::unexpected<Error> fail(ErrorCode code, std::string message,
                                                std::string path = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(path)});
}

}  // namespace vern
