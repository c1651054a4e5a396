#include "cli/serve_command.h"

#include <sys/stat.h>

#include <iostream>
#include <memory>
#include <thread>

#include "catalogue/share_table.h"
#include "cli/catalogue_location.h"
#include "cli/config_file.h"
#include "cli/exit_codes.h"
#include "core/logger.h"
#include "imaging/libvips.h"
#include "server/desk.h"
#include "server/http_server.h"
#include "server/share_images.h"
#include "server/share_server.h"
#include "server/view_log.h"
#include "sharing/share_pass.h"
#include "sharing/share_secrets.h"
#include "site/theme.h"

namespace vern::cli {
namespace {

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  std::string site, catalogue, public_url, settings;
  int jobs = 0;
  double idle_timeout = 10;
  bool quiet = false, verbose = false;
};

// The server's private folder (shares_folder()): the shares' images and the key that signs pass
// cookies. Only its owner may enter it.
Result<std::filesystem::path> private_folder(const std::filesystem::path& catalogue) {
  const auto folder = shares_folder(catalogue.string());
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return fail(ErrorCode::kIo, "cannot make the shares' folder: " + ec.message(), folder);
  ::chmod(folder.c_str(), 0700);
  return folder;
}

int serve(const ServeFlags& flags, const char* argv0, Logger& logger) {
  auto location = catalogue_location(flags.catalogue);
  if (!location) {
    logger.error(location.error().describe());
    return kExitFatal;
  }
  auto tables = catalogue::open_tables(location->string(), catalogue::OpenMode::kExisting);
  if (!tables) {
    logger.error(tables.error().describe());
    return kExitFatal;
  }
  publish::BuildOptions look;  // what vernissage.toml says of the site and its images
  if (!flags.settings.empty()) {
    if (auto applied = apply_config_file(flags.settings, look); !applied) {
      logger.error(applied.error().describe());
      return kExitFatal;
    }
  }
  if (!flags.site.empty() && !std::filesystem::is_directory(flags.site)) {
    logger.error(flags.site + ": --site is not a folder (build one with vernissage build)");
    return kExitFatal;
  }
  auto folder = private_folder(*location);
  if (!folder) {
    logger.error(folder.error().describe());
    return kExitFatal;
  }
  auto passes = sharing::PassSigner::from_key_file(*folder / "server.key");
  auto theme = site::Theme::load(look.theme);
  if (!passes || !theme) {
    logger.error(!passes ? passes.error().describe() : theme.error().describe());
    return kExitFatal;
  }
  server::ServeSettings settings;
  settings.look.site = look.site;
  settings.look.images = {.output = *folder / "images",
                          .imaging = look.imaging,
                          .author = look.site.author,
                          .copyright = look.site.copyright};
  if (!flags.site.empty()) settings.site = std::filesystem::absolute(flags.site);
  settings.public_url = flags.public_url;

  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const imaging::Libvips libvips(argv0, 1);
  server::ShareImages images(settings.site, libvips, *tables->photos,
                             flags.jobs > 0 ? flags.jobs : cores, logger);
  server::ViewLog views(*tables->shares, logger);
  server::ShareServer handler(settings, *tables->photos, *tables->shares, images, views, *passes,
                              *theme, logger);
  // The photographer's desk: on this machine only, behind a token made anew at every start.
  server::Desk desk(sharing::new_share_token(), settings.look, *tables->photos, *tables->shares,
                    images, *passes, *theme, logger);
  handler.set_desk(&desk);
  // Handlers may wait for an image being rendered: more threads than cores keep the others
  // answering meanwhile.
  server::ConnectionLimits limits;
  limits.read_timeout =
      std::chrono::milliseconds(static_cast<long long>(flags.idle_timeout * 1000));
  auto http = server::HttpServer::listen(flags.listen, handler, limits, std::max(4, 2 * cores));
  if (!http) {
    logger.error(http.error().describe());
    return kExitFatal;
  }
  const std::string shown =
      flags.public_url.empty() ? "http://" + (*http)->address() + "/" : flags.public_url;
  std::cout << "Serving shares at " << shown << "s/TOKEN/"
            << (settings.site ? " and the site at " + shown : "") << " (listening on "
            << (*http)->address() << "; Ctrl-C stops)\n"
            << "Your desk (this machine only): http://" << (*http)->address()
            << "/desk/?token=" << desk.token() << std::endl;
  (*http)->run();
  logger.info("stopped");
  return kExitOk;
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  auto* serve_cmd = app.add_subcommand(
      "serve", "Serve private share links (vernissage share) and, with --site, a built site.");
  serve_cmd->footer(
      "Listens on loopback unless told otherwise; put it behind a TLS reverse proxy (Caddy, "
      "nginx) to reach it from outside, and give --public-url. Stops cleanly on SIGINT or "
      "SIGTERM.\nExit codes: 0 stopped by a signal; 2 cannot start (catalogue, address, "
      "settings).");
  serve_cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on (port 0: any free one)")
      ->default_str("127.0.0.1:8080");
  serve_cmd->add_option("--site", flags->site, "A built site (vernissage build) to serve at /");
  serve_cmd->add_option("--public-url", flags->public_url,
                        "The address recipients use (https://photos.example.org/): Secure "
                        "cookies with https, client addresses from a proxy on loopback");
  serve_cmd->add_option("--settings", flags->settings,
                        "A vernissage.toml whose [site] and image settings the shares use "
                        "(photographer's name, copyright, sizes, formats)");
  serve_cmd
      ->add_option("--idle-timeout", flags->idle_timeout,
                   "Seconds a client may take to send a request, or keep an idle "
                   "connection open")
      ->default_val(10)
      ->check(CLI::Range(0.1, 3600.0));
  add_catalogue_flag(*serve_cmd, flags->catalogue);
  serve_cmd
      ->add_option("-j,--jobs", flags->jobs,
                   "Photos of new shares rendered at once, in the background (default: one per "
                   "core, leaving the server's own threads room)")
      ->check(CLI::Range(1, 1024));
  add_quiet_flag(*serve_cmd, flags->quiet);
  serve_cmd->add_flag("-v,--verbose", flags->verbose, "Log each photo made ready");
  return {serve_cmd, [flags](const char* argv0) {
            Logger logger(std::cerr, flags->quiet     ? Verbosity::kQuiet
                                     : flags->verbose ? Verbosity::kVerbose
                                                      : Verbosity::kNormal);
            return serve(*flags, argv0, logger);
          }};
}

}  // namespace vern::cli
