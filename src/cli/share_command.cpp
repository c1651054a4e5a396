#include "cli/share_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "archive/photo_facts.h"
#include "catalogue/share_table.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"
#include "cli/watermark_flags.h"
#include "core/logger.h"
#include "sharing/share_plan.h"
#include "sharing/share_secrets.h"
#include "sharing/share_watermark.h"

namespace vern::cli {
namespace {

using catalogue::Share;

struct ShareFlags {
  std::string catalogue, album, select, to, expires, downloads = "none";
  bool recursive = false, password_stdin = false, keep_location = false, json = false;
  std::int64_t id = 0;
  WatermarkFlags watermark;
};

std::string url_path(const std::string& token) { return "/s/" + token + "/"; }

// The password as typed on standard input: the first line, without its line ending.
Result<std::string> password_from_stdin() {
  std::string password;
  if (!std::getline(std::cin, password) || password.empty()) {
    return fail(ErrorCode::kInvalidInput, "--password-stdin: no password on standard input");
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Result<Share> new_share(const ShareFlags& flags, catalogue::Catalogue& photos,
                        sharing::Clock::time_point now, std::string& token) {
  Share share;
  auto chosen =
      !flags.album.empty()
          ? sharing::album_photos(photos, archive::catalogue_key(flags.album), flags.recursive)
          : sharing::selected_photos(photos, flags.select);
  if (!chosen) return tl::unexpected(chosen.error());
  for (const auto& photo : *chosen) share.photo_ids.push_back(photo.id);
  share.selection = !flags.album.empty() ? std::string(flags.recursive ? "album+sub:" : "album:") +
                                               archive::catalogue_key(flags.album)
                                         : "select:" + flags.select;
  share.recipient = flags.to;
  share.created = sharing::iso_utc(now);
  if (!flags.expires.empty()) {
    auto expires = sharing::expiry_from(flags.expires, now);
    if (!expires) return tl::unexpected(expires.error());
    share.expires = *expires;
  }
  share.downloads = flags.downloads;
  share.keep_location = flags.keep_location;
  auto watermark = watermark_from(flags.watermark);
  if (!watermark) return tl::unexpected(watermark.error());
  if (watermark->active()) share.watermark = sharing::watermark_json(*watermark);
  if (flags.password_stdin) {
    auto password = password_from_stdin();
    if (!password) return tl::unexpected(password.error());
    auto hash = sharing::hash_password(*password);
    if (!hash) return tl::unexpected(hash.error());
    share.password_hash = *hash;
  }
  token = sharing::new_share_token();
  share.token_hash = sharing::token_hash(token);
  return share;
}

nlohmann::ordered_json share_json(const Share& share, const std::string& state, int views) {
  nlohmann::ordered_json json;
  json["id"] = share.id;
  json["to"] = share.recipient;
  json["selection"] = share.selection;
  json["photos"] = share.photo_ids.size();
  json["created"] = share.created;
  json["expires"] = share.expires ? nlohmann::ordered_json(*share.expires) : nullptr;
  json["downloads"] = share.downloads;
  json["password"] = share.password_hash.has_value();
  json["views"] = views;
  json["state"] = state;
  return json;
}

int run_create(const ShareFlags& flags, catalogue::CatalogueTables& tables, Logger& logger) {
  const auto now = sharing::Clock::now();
  std::string token;
  auto share = new_share(flags, *tables.photos, now, token);
  if (!share) {
    logger.error(share.error().describe());
    return kExitFatal;
  }
  auto id = tables.shares->create(*share);
  if (!id) {
    logger.error(id.error().describe());
    return kExitFatal;
  }
  if (!flags.json) {
    std::cout << url_path(token) << "\n";
    return kExitOk;
  }
  nlohmann::ordered_json json;
  json["id"] = *id;
  json["url_path"] = url_path(token);
  json["to"] = share->recipient;
  json["photos"] = share->photo_ids.size();
  json["expires"] = share->expires ? nlohmann::ordered_json(*share->expires) : nullptr;
  json["downloads"] = share->downloads;
  json["password"] = share->password_hash.has_value();
  json["created"] = share->created;
  std::cout << json.dump(2) << "\n";
  return kExitOk;
}

int run_list(const ShareFlags& flags, catalogue::CatalogueTables& tables, Logger& logger) {
  auto shares = tables.shares->all();
  if (!shares) {
    logger.error(shares.error().describe());
    return kExitFatal;
  }
  const auto now = sharing::Clock::now();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& share : *shares) {
    const auto views = tables.shares->view_count(share.id);
    list.push_back(share_json(share, sharing::share_state(share, now), views.value_or(0)));
  }
  if (flags.json) {
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& s : list) {
    std::cout << s["id"].get<std::int64_t>() << "  " << s["state"].get<std::string>() << "  "
              << s["to"].get<std::string>() << "  " << s["photos"].get<std::size_t>() << " photos  "
              << s["selection"].get<std::string>() << "  created "
              << s["created"].get<std::string>() << "  expires "
              << (s["expires"].is_null() ? "never" : s["expires"].get<std::string>())
              << "  downloads " << s["downloads"].get<std::string>() << "  "
              << s["views"].get<int>() << " views\n";
  }
  return kExitOk;
}

// share log ID: every view the server recorded, oldest first.
int run_log(const ShareFlags& flags, catalogue::CatalogueTables& tables, Logger& logger) {
  auto share = tables.shares->find(flags.id);
  if (share && !*share) {
    logger.error("no share " + std::to_string(flags.id));
    return kExitFatal;
  }
  auto log = share ? tables.shares->views(flags.id)
                   : Result<std::vector<catalogue::ShareView>>(tl::unexpected(share.error()));
  if (!log) {
    logger.error(log.error().describe());
    return kExitFatal;
  }
  if (flags.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& view : *log) {
      list.push_back({{"at", view.at}, {"what", view.what}, {"client", view.client}});
    }
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& view : *log) {
    std::cout << view.at << "  " << view.client << "  " << view.what << "\n";
  }
  return kExitOk;
}

// revoke, extend and rotate: one change to one share.
int run_change(const std::string& what, const ShareFlags& flags, catalogue::CatalogueTables& tables,
               Logger& logger) {
  Result<void> changed;
  std::string token;
  if (what == "revoke") {
    changed = tables.shares->revoke(flags.id);
  } else if (what == "extend") {
    auto expires = sharing::expiry_from(flags.expires, sharing::Clock::now());
    changed = expires ? tables.shares->set_expiry(flags.id, *expires)
                      : Result<void>(tl::unexpected(expires.error()));
  } else {
    token = sharing::new_share_token();
    changed = tables.shares->set_token_hash(flags.id, sharing::token_hash(token));
  }
  if (!changed) {
    logger.error(changed.error().describe());
    return kExitFatal;
  }
  if (!token.empty()) std::cout << url_path(token) << "\n";
  return kExitOk;
}

void add_create_flags(CLI::App& create, ShareFlags& flags) {
  auto* album = create.add_option("--album", flags.album,
                                  "A folder of the catalogue: its photos (not its sub-folders')");
  auto* select = create.add_option("--select", flags.select,
                                   "Photos a search matches (see `vernissage search --help`)");
  album->excludes(select);
  create.add_flag("--recursive", flags.recursive, "With --album: its sub-folders' photos too");
  create.add_option("--to", flags.to, "Who the link is for (shown to them and in share list)")
      ->required();
  create.add_option("--expires", flags.expires, "14d, 36h or 2026-12-31 (default: never)");
  create.add_flag("--password-stdin", flags.password_stdin,
                  "Read a password from standard input (argon2id-hashed, never stored in clear)");
  create.add_option("--downloads", flags.downloads, "none (default), web or original")
      ->check(CLI::IsMember({"none", "web", "original"}));
  create.add_flag("--keep-location", flags.keep_location,
                  "Show location to the recipient (off: no page or image carries it)");
  add_watermark_flags(create, flags.watermark);
  create.add_flag("--json", flags.json,
                  "One JSON object: id, url_path, to, photos, expires, downloads, password, "
                  "created");
}

}  // namespace

Command add_share_command(CLI::App& app) {
  auto flags = std::make_shared<ShareFlags>();
  auto* share = app.add_subcommand("share", "Private links to a selection of photos.");
  share->require_subcommand(1);
  share->footer("Exit codes: 0 done; 2 usage error, unknown share or nothing to share.");
  auto* create = share->add_subcommand("create", "Make a link for one recipient; prints /s/TOKEN/");
  add_create_flags(*create, *flags);
  auto* list = share->add_subcommand("list", "Every link: recipient, selection, state, views");
  list->add_flag("--json", flags->json, "A JSON array, an object per link");
  auto* revoke = share->add_subcommand("revoke", "Kill a link: it opens nothing from now on");
  auto* extend = share->add_subcommand("extend", "Give a link a new expiry");
  extend->add_option("--expires", flags->expires, "14d, 36h or 2026-12-31")->required();
  auto* rotate = share->add_subcommand("rotate", "Issue a new token for a link; the old one dies");
  auto* log = share->add_subcommand("log", "Who opened a link, and when: pages, photos, passwords");
  log->add_flag("--json", flags->json, "A JSON array, an object per view: at, what, client");
  for (auto* command : {revoke, extend, rotate, log}) {
    command->add_option("ID", flags->id, "The share's id (share list)")->required();
  }
  for (auto* command : {create, list, revoke, extend, rotate, log}) {
    add_catalogue_flag(*command, flags->catalogue);
  }
  return {share, [=](const char*) {
            Logger logger(std::cerr, Verbosity::kNormal);
            if (create->parsed() && flags->album.empty() && flags->select.empty()) {
              logger.error("share create needs --album FOLDER or --select QUERY");
              return kExitFatal;
            }
            auto tables = open_existing_tables(flags->catalogue);
            if (!tables) {
              logger.error(tables.error().describe());
              return kExitFatal;
            }
            if (create->parsed()) return run_create(*flags, *tables, logger);
            if (list->parsed()) return run_list(*flags, *tables, logger);
            if (log->parsed()) return run_log(*flags, *tables, logger);
            const std::string what = revoke->parsed()   ? "revoke"
                                     : extend->parsed() ? "extend"
                                                        : "rotate";
            return run_change(what, *flags, *tables, logger);
          }};
}

}  // namespace vern::cli
