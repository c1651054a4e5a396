#pragma once

#include <initializer_list>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace vern {

enum class Verbosity { kQuiet, kNormal, kVerbose };

// One key=value of an event line.
struct EventField {
  std::string_view key;
  std::string value;
};

// "key=value", the value in double quotes (with \" and \\ escaped, control characters as \n,
// \t or \xHH) when it is empty or holds a space, a quote, '=', a backslash or a control
// character: a path such as `Canon EOS 20D (2).jpg` stays one field for a reader splitting on
// spaces.
std::string format_event_field(const EventField& field);

// Messages for people, on stderr; results go to stdout elsewhere. Lines are written whole, so
// messages from worker threads never interleave. Warnings and errors appear even with --quiet,
// because they name the files a user must know were skipped.
class Logger {
 public:
  Logger(std::ostream& out, Verbosity verbosity) : out_(out), verbosity_(verbosity) {}

  void warn(std::string_view message) { write("warning: ", message); }
  void error(std::string_view message) { write("error: ", message); }
  void info(std::string_view message) {
    if (verbosity_ != Verbosity::kQuiet) write("", message);
  }
  // Structured event lines ("event=photo.rendered path=a.jpg ms=41"), shown with --verbose.
  // Event names and keys are stable, so tests and scripts can grep them.
  void event(std::string_view name, std::initializer_list<EventField> fields) {
    if (verbosity_ != Verbosity::kVerbose) return;
    std::string line = "event=" + std::string(name);
    for (const auto& field : fields) line += " " + format_event_field(field);
    write("", line);
  }

  Verbosity verbosity() const { return verbosity_; }

  // Draws a transient status line (a progress bar) that the next message replaces.
  void status(std::string_view line) {
    std::lock_guard lock(mutex_);
    out_ << "\r\033[K" << line;
    out_.flush();
    status_shown_ = true;
  }
  void clear_status() {
    std::lock_guard lock(mutex_);
    if (status_shown_) out_ << "\r\033[K";
    out_.flush();
    status_shown_ = false;
  }

 private:
  void write(std::string_view prefix, std::string_view message) {
    std::lock_guard lock(mutex_);
    if (status_shown_) out_ << "\r\033[K";
    status_shown_ = false;
    out_ << prefix << message << '\n';
    out_.flush();
  }

  std::ostream& out_;
  const Verbosity verbosity_;
  std::mutex mutex_;
  bool status_shown_ = false;
};

}  // namespace vern
