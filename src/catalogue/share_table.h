#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/result.h"

namespace vern::catalogue {

// A private link to a fixed selection of photos for one recipient.
struct Share {
  std::int64_t id = 0;                  // assigned when created
  std::string token_hash;               // the link's token is never stored, only this
  std::string recipient;                // "Le Monde picture desk"
  std::string selection;                // how the photos were chosen: "album:…", "select:…"
  std::vector<std::int64_t> photo_ids;  // PhotoRecord ids, in the order shown
  std::string created;                  // ISO 8601, UTC
  std::optional<std::string> expires;   // ISO 8601, UTC; none: never
  std::string downloads = "none";       // "none" | "web" | "original"
  std::optional<std::string> password_hash;  // argon2id (crypto_pwhash_str); none: no password
  bool keep_location = false;
  bool revoked = false;
  std::optional<std::string> sent;  // ISO 8601, UTC: when the recipient last sent their marks
  // The watermark of this link's images, as JSON (sharing/share_watermark.h); none: no mark.
  std::optional<std::string> watermark;
};

// What a recipient marked on one photo of a share. A mark with no state, rating or comment
// left is no mark: it is removed.
struct ShareMark {
  std::int64_t share_id = 0;
  std::int64_t photo_id = 0;
  std::optional<std::string> state;  // "pick" | "reject"
  std::optional<int> rating;         // 1..5
  std::optional<std::string> comment;
  std::string updated;  // ISO 8601, UTC
};

// One request of a share's page or photo, as the server logged it.
struct ShareView {
  std::int64_t share_id = 0;
  std::string at;      // ISO 8601, UTC
  std::string what;    // "page", "photo SLUG", "password ok", "password wrong", "locked out"
  std::string client;  // the client's address
};

// The shares table of the catalogue, beside the photos table (catalogue.h) over the same store.
// Safe to call from several threads; other processes may write the same store at once.
class ShareTable {
 public:
  virtual ~ShareTable() = default;

  // Records a new share with its photos in one transaction; returns its id.
  [[nodiscard]] virtual Result<std::int64_t> create(const Share& share) = 0;

  // The share with this id, or the one whose token hashes to `token_hash`; nullopt if none.
  [[nodiscard]] virtual Result<std::optional<Share>> find(std::int64_t id) = 0;
  [[nodiscard]] virtual Result<std::optional<Share>> find_by_token_hash(
      const std::string& token_hash) = 0;

  // The same without its photos (photo_ids left empty): what a server checks on every request,
  // when a share of hundreds of photos needs only its state.
  [[nodiscard]] virtual Result<std::optional<Share>> find_link_by_token_hash(
      const std::string& token_hash) = 0;

  // Every share, oldest first.
  [[nodiscard]] virtual Result<std::vector<Share>> all() = 0;

  // Changes one share: revoked, a new expiry (none: never), a new token hash. Fails naming the
  // id when there is no such share.
  [[nodiscard]] virtual Result<void> revoke(std::int64_t id) = 0;
  [[nodiscard]] virtual Result<void> set_expiry(std::int64_t id,
                                                const std::optional<std::string>& expires) = 0;
  [[nodiscard]] virtual Result<void> set_token_hash(std::int64_t id,
                                                    const std::string& token_hash) = 0;

  // How many times the share was viewed (its log, kept by the server).
  [[nodiscard]] virtual Result<int> view_count(std::int64_t id) = 0;

  // Appends views to the log in one transaction (the server batches them); views of shares
  // deleted meanwhile are dropped.
  [[nodiscard]] virtual Result<void> record_views(const std::vector<ShareView>& views) = 0;

  // The log of one share, oldest first.
  [[nodiscard]] virtual Result<std::vector<ShareView>> views(std::int64_t id) = 0;

  // Sets the mark of one photo of a share, replacing what was there (the last write wins:
  // two tabs of a link converge on it); a mark with nothing in it removes the photo's mark.
  [[nodiscard]] virtual Result<void> set_mark(const ShareMark& mark) = 0;

  // The marks of one share, in the share's photo order.
  [[nodiscard]] virtual Result<std::vector<ShareMark>> marks(std::int64_t id) = 0;

  // Records that the recipient sent their selection at `at`.
  [[nodiscard]] virtual Result<void> set_sent(std::int64_t id, const std::string& at) = 0;
};

}  // namespace vern::catalogue
