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
  ShareImages(publish::PhotoJobSettings settings, std::optional<std::filesystem::path> site,
              const imaging::Libvips& libvips, catalogue::Catalogue& catalogue, int workers,
              Logger& logger);
  ~ShareImages();  // the photo each worker is at is finished; the rest of the queue is dropped
  ShareImages(const ShareImages&) = delete;
  ShareImages& operator=(const ShareImages&) = delete;

  // Queues the photos not rendered or queued yet.
  void enqueue(const std::vector<catalogue::PhotoRecord>& photos);

  // True once `photo`'s images are in the folder: rendered first thing if need be, waited for
  // up to `limit`. False when the photo cannot be published (logged once) or time ran out.
  bool ensure(const catalogue::PhotoRecord& photo, std::chrono::milliseconds limit);

  // How many photos wait in the queue or are being rendered.
  std::size_t pending() const;

 private:
  enum class State { kQueued, kRunning, kDone, kFailed };
  void work();
  bool publish(const catalogue::PhotoRecord& photo);
  void link_from_site(const catalogue::PhotoRecord& photo) const;
  void finish(std::int64_t id, bool ok);

  const publish::PhotoJobSettings settings_;
  const std::optional<std::filesystem::path> site_;
  const imaging::Libvips& libvips_;
  catalogue::Catalogue& catalogue_;
  Logger& logger_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::int64_t, State> states_;
  std::deque<catalogue::PhotoRecord> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace vern::server
