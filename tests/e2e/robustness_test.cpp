// End-to-end: bad input, hostile names, interrupted builds and the privacy audit.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <map>
#include <thread>

#include "e2e/site_checks.h"
#include "support/test_support.h"

extern char** environ;

namespace vern {
namespace {

namespace fs = std::filesystem;

class Robustness : public ::testing::Test {
 protected:
  fs::path photos() const { return dir_.path() / "photos"; }
  fs::path site() const { return dir_.path() / "site"; }
  std::vector<std::string> build_args(const fs::path& out, const fs::path& catalogue) const {
    return {"build",     photos().string(), "-o",      out.string(),  "--formats",
            "webp,jpeg", "--sizes",         "320,640", "--catalogue", catalogue.string()};
  }
  test::CommandResult build() const {
    return test::run_vernissage(build_args(site(), dir_.path() / "catalogue.db"));
  }
  test::TempDir dir_;
};

TEST_F(Robustness, NamesInEveryAlphabetAndWithUrlSpecialCharactersAllLink) {
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  for (const char* name : {"with space.jpg", "hash#tag.jpg", "what?.jpg", "100%.jpg",
                           "quote\"d'.jpg", "<b>bold</b>.jpg", "Красная площадь.jpg",
                           "\u202Egpj.exe.jpg", "bad\xFF\xFEname.jpg", "IMG_1.jpg", "img_1.JPG"}) {
    test::copy_into(jpeg, photos() / "Álbum #1 <x>" / name);
  }
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  int photo_pages = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site())) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() == ".html" && name != "index.html" && name != "404.html")
      ++photo_pages;
  }
  EXPECT_EQ(photo_pages, 11);  // the two IMG_1 files get distinct pages
  EXPECT_ALL_LINKS_RESOLVE(site());
}

TEST_F(Robustness, DecompressionBombIsRefusedBeforeDecoding) {
  // A real JPEG whose frame header claims 60000 × 60000 pixels (3.6 gigapixels).
  std::string bytes = test::read_text(test::data_file("orientation/landscape_1.jpg"));
  const auto sof = bytes.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  bytes[sof + 5] = bytes[sof + 7] = static_cast<char>(0xEA);
  bytes[sof + 6] = bytes[sof + 8] = static_cast<char>(0x60);
  test::write_text(photos() / "bomb.jpg", bytes);
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "fine.jpg");
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bomb.jpg"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("megapixels"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "fine.html"));
}

TEST_F(Robustness, BrokenSymlinksAreNamedAndSkipped) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "fine.jpg");
  fs::create_symlink(dir_.path() / "nowhere.jpg", photos() / "dangling.jpg");
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("dangling.jpg"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "fine.html"));
}

TEST_F(Robustness, HostileTextIsEscapedEverywhere) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "a</script>/x.jpg");
  test::write_text(photos() / "a</script>/x.txt",
                   "<script>alert('x')</script> \" ' ]]> javascript:alert(1)");
  test::write_text(
      photos() / "a</script>/album.toml",
      "title = \"<script>alert(1)</script>]]>\"\ndescription = \"javascript:alert(1)\"\n");
  ASSERT_EQ(build().exit_code, 0);
  for (const auto& entry : fs::recursive_directory_iterator(site())) {
    const auto ext = entry.path().extension();
    if (ext != ".html" && ext != ".xml") continue;
    const std::string text = test::read_text(entry.path());
    EXPECT_EQ(text.find("<script>alert"), std::string::npos) << entry.path();
    EXPECT_EQ(text.find("href=\"javascript:"), std::string::npos) << entry.path();
    if (ext == ".xml") {
      // The feed's HTML content is escaped twice: once for HTML, once for XML.
      EXPECT_EQ(text.find("]]>"), std::string::npos) << entry.path();
    }
  }
}

TEST_F(Robustness, AuditFindsNothingInADefaultSiteAndFlagsLocationWhenKept) {
  test::copy_into(test::data_file("gps"), photos() / "trip");
  ASSERT_EQ(build().exit_code, 0);
  const auto clean = test::run_vernissage({"audit", site().string()});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.out, "");

  const fs::path kept = dir_.path() / "kept";
  auto args = build_args(kept, dir_.path() / "catalogue.db");
  args.push_back("--keep-location");
  ASSERT_EQ(test::run_vernissage(args).exit_code, 0);
  const auto flagged = test::run_vernissage({"audit", kept.string()});
  EXPECT_EQ(flagged.exit_code, 1);
  EXPECT_NE(flagged.out.find("trip/dscn0010.html: location shown on the page"), std::string::npos)
      << flagged.out;
}

TEST_F(Robustness, AuditFlagsAnUnstrippedOriginal) {
  fs::create_directories(site());
  test::copy_into(test::data_file("gps/DSCN0010.jpg"), site() / "DSCN0010.jpg");
  const auto result = test::run_vernissage({"audit", site().string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("DSCN0010.jpg: GPS (Exif.GPSInfo."), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("camera EXIF"), std::string::npos) << result.out;
  EXPECT_EQ(test::run_vernissage({"audit", (dir_.path() / "none").string()}).exit_code, 2);
}

// Starts a build and kills it with SIGKILL as soon as `ready` holds (polled against a deadline).
template <class Ready>
bool kill_build_when(const std::vector<std::string>& args, Ready ready) {
  std::vector<std::string> storage = {test::binary().string()};
  storage.insert(storage.end(), args.begin(), args.end());
  storage.push_back("-q");
  std::vector<char*> argv;
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const bool started = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0;
  posix_spawn_file_actions_destroy(&actions);
  if (!started) return false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool killed_in_time = false;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;  // finished before the moment came
    if (ready()) {
      kill(pid, SIGKILL);
      killed_in_time = true;
      break;
    }
    std::this_thread::yield();
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return killed_in_time;
}

int files_under(const fs::path& dir) {
  std::error_code ec;
  int n = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    n += it->is_regular_file(ec) ? 1 : 0;
  }
  return n;
}

TEST_F(Robustness, BuildKilledAtAnyMomentIsRepairedByTheNextBuild) {
  test::copy_into(test::examples_dir() / "streets", photos() / "streets");
  const fs::path reference = dir_.path() / "reference";
  const auto clean = test::run_vernissage(build_args(reference, dir_.path() / "reference.db"));
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const auto expected = test::tree_contents(reference);

  // Moments: right after start, after the first images, midway, while pages are written.
  const int total_media = files_under(reference / "media");
  for (const int media_files : {0, 1, total_media / 2, total_media}) {
    const fs::path out = dir_.path() / ("killed-" + std::to_string(media_files));
    const fs::path catalogue = dir_.path() / ("killed-" + std::to_string(media_files) + ".db");
    const bool killed = kill_build_when(build_args(out, catalogue), [&] {
      return media_files == 0 ? fs::exists(out) : files_under(out / "media") >= media_files;
    });
    EXPECT_TRUE(killed) << "the build finished before moment " << media_files;
    // Whatever is visible under a final name is complete: every image decodes.
    std::error_code ec;
    for (fs::recursive_directory_iterator it(out / "media", ec), end; !ec && it != end;
         it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!it->is_regular_file() || name.starts_with(".tmp-")) continue;
      const auto info = test::run_vernissage({"info", it->path().string()});
      EXPECT_EQ(info.exit_code, 0) << it->path() << " is partial";
    }
    const auto repaired = test::run_vernissage(build_args(out, catalogue));
    ASSERT_EQ(repaired.exit_code, 0) << repaired.err;
    auto got = test::tree_contents(out);
    auto want = expected;
    got.erase(".vernissage-site");
    want.erase(".vernissage-site");
    // Named by path, so that a failure says which files differ rather than printing them all.
    std::vector<std::string> differing;
    for (const auto& [path, bytes] : want) {
      if (!got.contains(path) || got.at(path) != bytes) differing.push_back(path);
    }
    for (const auto& [path, bytes] : got) {
      if (!want.contains(path)) differing.push_back(path);
    }
    EXPECT_TRUE(differing.empty()) << "after a kill at " << media_files
                                   << " media files: " << ::testing::PrintToString(differing);
  }
}

// The shared edge-case collection, in full: every broken file named, everything else published.
TEST_F(Robustness, BuildsTheWholeEdgeCaseCollection) {
  test::copy_into(test::shared_photos() / "edge-cases", photos());
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  // The one file whose pixels do not decode is named with the decoder's reason, and only it.
  EXPECT_NE(result.err.find("corrupted.jpg: cannot decode: VipsJpeg: Corrupt JPEG data"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("1 input(s) skipped"), std::string::npos) << result.err;
  // Only Vernissage's own messages: no library chatter (libvips' HEIF and TIFF warnings).
  EXPECT_EQ(result.err.find("WARNING **"), std::string::npos) << result.err;
  // The files of invalid/ have broken metadata but sound pixels: they are published.
  for (const char* name : {"image01551", "image00971", "image02206", "image01137", "image01713",
                           "image01980", "image01088"}) {
    EXPECT_TRUE(fs::exists(site() / "jpg/invalid" / (std::string(name) + ".html"))) << name;
  }
  EXPECT_TRUE(fs::exists(site() / "jpg/orientation/portrait_6.html"));
  EXPECT_TRUE(fs::exists(site() / "jpg/gps/dscn0010.html"));
  EXPECT_TRUE(fs::exists(site() / "heic/img_5195.html"));
  EXPECT_TRUE(fs::exists(site() / "tiff/arbitro.html"));
  EXPECT_ALL_LINKS_RESOLVE(site());
  const auto audit = test::run_vernissage({"audit", site().string()});
  EXPECT_EQ(audit.exit_code, 0) << audit.out;
}

TEST(ShippedBinary, ServesLibvipsTheSerialisedOrcFunctions) {
  // src/imaging/orc_serialisation.cpp: without these two exported definitions, libvips binds to
  // liborc's own, whose unlocked freeing corrupted the heap in parallel builds.
  const std::string command = "nm -D --defined-only '" + test::binary().string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string symbols;
  char chunk[4096];
  while (const std::size_t n = fread(chunk, 1, sizeof chunk, pipe)) symbols.append(chunk, n);
  ASSERT_EQ(pclose(pipe), 0);
  EXPECT_NE(symbols.find(" T orc_program_compile\n"), std::string::npos) << symbols;
  EXPECT_NE(symbols.find(" T orc_program_free\n"), std::string::npos) << symbols;
}

TEST(ShippedBinary, LibvipsLoadedLateStillCallsLiborcThroughTheWrappers) {
  // libvips arrives with dlopen (imaging/libvips.h), after the executable: its calls must still
  // bind to the executable's wrappers, and the wrappers (with RTLD_NEXT) must still find
  // liborc's own functions. The dynamic loader reports each binding under LD_DEBUG=bindings.
  test::TempDir dir;
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), dir / "photos" / "a.jpg");
  const auto r = test::run_vernissage(
      {"build", (dir / "photos").string(), "-o", (dir / "site").string(), "--sizes", "480", "-q"},
      {{"LD_DEBUG", "bindings"}});
  ASSERT_EQ(r.exit_code, 0);
  const std::string binary = test::binary().string();
  for (const char* symbol : {"orc_program_compile", "orc_program_free"}) {
    const std::string quoted = std::string("`") + symbol + "'";
    EXPECT_NE(r.err.find("libvips.so.42 [0] to " + binary + " [0]: normal symbol " + quoted),
              std::string::npos)
        << symbol << " from libvips";
    bool found = false;
    for (std::size_t at = r.err.find(binary + " [0] to "); at != std::string::npos;
         at = r.err.find(binary + " [0] to ", at + 1)) {
      const auto line = r.err.substr(at, r.err.find('\n', at) - at);
      if (line.find("liborc") != std::string::npos && line.find(quoted) != std::string::npos)
        found = true;
    }
    EXPECT_TRUE(found) << symbol << " from the wrapper to liborc";
  }
}

}  // namespace
}  // namespace vern
