#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/logger.h"
#include "imaging/libvips.h"
#include "publish/photo_job.h"

namespace vern::server {

// Renders the images of shares into the server's private folder, with the build's own
// publish_photo (same names by content and recipe, so nothing is rendered twice). Photos are
// queued when a share is first opened and rendered by `workers` background threads, in order; a
// request for an image not rendered yet moves its photo to the front of the queue and waits for
// it. No more than `workers` photos are ever decoded at once, so memory stays that of a build
// with as many jobs. Derivatives a built site (`serve --site`) already holds are linked in
// rather than rendered. Thread-safe.
class ShareImages {
 public:
  ShareImages(std::optional<std::filesystem::path> site, const imaging::Libvips& libvips,
              catalogue::Catalogue& catalogue, int workers, Logger& logger);
  ~ShareImages();  // the photo each worker is at is finished; the rest of the queue is dropped
  ShareImages(const ShareImages&) = delete;
  ShareImages& operator=(const ShareImages&) = delete;

  // Queues the photos not rendered or queued yet with these settings (a link's own watermark
  // makes other images of the same photo).
  void enqueue(const std::vector<catalogue::PhotoRecord>& photos,
               const publish::PhotoJobSettings& settings);

  // True once `photo`'s images are in the folder: rendered first thing if need be, waited for
  // up to `limit`. False when the photo cannot be published (logged once) or time ran out.
  bool ensure(const catalogue::PhotoRecord& photo, const publish::PhotoJobSettings& settings,
              std::chrono::milliseconds limit);

  // How many photos wait in the queue or are being rendered.
  std::size_t pending() const;

 private:
  enum class State { kQueued, kRunning, kDone, kFailed };
  // A photo with the settings it is made with: the recipe of its first derivative names both.
  struct Job {
    catalogue::PhotoRecord photo;
    publish::PhotoJobSettings settings;
    std::string key;
  };
  static Job job_of(const catalogue::PhotoRecord& photo, const publish::PhotoJobSettings& settings);
  void work();
  bool publish(const Job& job);
  void link_from_site(const Job& job) const;
  void finish(const std::string& key, bool ok);

  const std::optional<std::filesystem::path> site_;
  const imaging::Libvips& libvips_;
  catalogue::Catalogue& catalogue_;
  Logger& logger_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, State> states_;  // by job key
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace vern::server
