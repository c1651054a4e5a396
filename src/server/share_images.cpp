#include "server/share_images.h"

#include <sys/stat.h>

#include "core/atomic_write.h"
#include "core/file_bytes.h"
#include "core/image_format.h"
#include "scan/source_tree.h"

namespace vern::server {
namespace {

// The photo's file as the scanner would describe it, from what the disk says now (size and
// mtime decide whether the catalogue's record still vouches for it).
Result<scan::SourceFile> source_file(const catalogue::PhotoRecord& photo) {
  struct stat info {};
  if (::stat(photo.path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return fail(ErrorCode::kIo, "the photo is no longer there", photo.path);
  }
  scan::SourceFile file;
  file.absolute_path = photo.path;
  file.relative_path = file.absolute_path.filename().string();
  file.format = format_from_name(photo.format).value_or(ImageFormat::kJpeg);
  file.size_bytes = static_cast<std::uintmax_t>(info.st_size);
  file.mtime_ns =
      static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  return file;
}

}  // namespace

ShareImages::ShareImages(std::optional<std::filesystem::path> site, const imaging::Libvips& libvips,
                         catalogue::Catalogue& catalogue, int workers, Logger& logger)
    : site_(std::move(site)), libvips_(libvips), catalogue_(catalogue), logger_(logger) {
  for (int i = 0; i < std::max(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

ShareImages::~ShareImages() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  for (auto& worker : workers_) worker.join();
}

ShareImages::Job ShareImages::job_of(const catalogue::PhotoRecord& photo,
                                     const publish::PhotoJobSettings& settings) {
  const auto plan = publish::planned_derivatives(photo, settings);
  return {photo, settings,
          std::to_string(photo.id) + "/" + (plan.empty() ? "" : plan.front().recipe_hash)};
}

void ShareImages::enqueue(const std::vector<catalogue::PhotoRecord>& photos,
                          const publish::PhotoJobSettings& settings) {
  // Planned before the lock is taken: requests wait on it.
  std::vector<Job> jobs;
  jobs.reserve(photos.size());
  for (const auto& photo : photos) jobs.push_back(job_of(photo, settings));
  {
    std::lock_guard lock(mutex_);
    for (auto& job : jobs) {
      if (states_.try_emplace(job.key, State::kQueued).second) queue_.push_back(std::move(job));
    }
  }
  changed_.notify_all();
}

std::size_t ShareImages::pending() const {
  std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& [id, state] : states_) {
    if (state == State::kQueued || state == State::kRunning) ++count;
  }
  return count;
}

bool ShareImages::ensure(const catalogue::PhotoRecord& photo,
                         const publish::PhotoJobSettings& settings,
                         std::chrono::milliseconds limit) {
  auto job = job_of(photo, settings);
  const std::string key = job.key;
  std::unique_lock lock(mutex_);
  auto [it, added] = states_.try_emplace(key, State::kQueued);
  // Done, yet asked for: its files went missing since (a cleaned folder). Made again.
  if (it->second == State::kDone) it->second = State::kQueued;
  if (it->second == State::kQueued) {
    // To the front of the queue: a visitor is waiting for it.
    std::erase_if(queue_, [&](const Job& queued) { return queued.key == key; });
    queue_.push_front(std::move(job));
    changed_.notify_all();
  }
  changed_.wait_for(lock, limit, [&] {
    const auto state = states_.at(key);
    return state == State::kDone || state == State::kFailed || stopping_;
  });
  return states_.at(key) == State::kDone;
}

void ShareImages::work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      auto& state = states_[job.key];
      if (state != State::kQueued) continue;  // taken by a request meanwhile
      state = State::kRunning;
    }
    finish(job.key, publish(job));
  }
}

void ShareImages::finish(const std::string& key, bool ok) {
  {
    std::lock_guard lock(mutex_);
    states_[key] = ok ? State::kDone : State::kFailed;
  }
  changed_.notify_all();
}

// A derivative of the same name in the built site has the same bytes (the name is the recipe):
// a hard link costs no rendering and no space.
void ShareImages::link_from_site(const Job& job) const {
  if (!site_) return;
  for (const auto& d : publish::planned_derivatives(job.photo, job.settings)) {
    const auto target = job.settings.output / d.relative_path;
    const auto source = *site_ / d.relative_path;
    std::error_code ec;
    if (path_exists(target) || !std::filesystem::is_regular_file(source, ec)) continue;
    std::filesystem::create_directories(target.parent_path(), ec);
    std::filesystem::create_hard_link(source, target, ec);
    if (!ec || path_exists(target)) continue;
    // Another file system: a copy, under a temporary name so no half file is ever served.
    const auto temporary = temporary_path_for(target);
    if (std::filesystem::copy_file(source, temporary, ec)) {
      (void)commit_temporary(temporary, target);
    }
  }
}

bool ShareImages::publish(const Job& job) {
  const auto& photo = job.photo;
  auto file = source_file(photo);
  if (file) {
    link_from_site(job);
    auto published = publish::publish_photo(*file, &photo, job.settings, libvips_, catalogue_);
    if (published) {
      logger_.event("share.photo.ready", {{"photo", std::to_string(photo.id)},
                                          {"files", std::to_string(published->files_written)}});
      return true;
    }
    logger_.warn(published.error().describe() + " (not shown in its shares)");
    return false;
  }
  logger_.warn(file.error().describe() + " (not shown in its shares)");
  return false;
}

}  // namespace vern::server
