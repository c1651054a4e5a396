#include "imaging/libvips.h"

#include <dlfcn.h>

#include <cstring>
#include <system_error>
#include <utility>
#include <vector>

#include "imaging/detail/libvips_functions.h"

namespace vern::imaging {
namespace {

constexpr const char* kModuleFile = "vernissage-libvips.so";

std::filesystem::path executable_folder() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self.parent_path();
}

}  // namespace

Libvips::Libvips(std::string program, int threads_per_image)
    : program_(std::move(program)),
      threads_per_image_(threads_per_image),
      functions_(fail(ErrorCode::kInternal, "libvips not loaded")) {}

Libvips::~Libvips() {
  // The module stays mapped: libvips and GLib keep types and threads that outlive a shutdown.
  if (loaded()) (*functions_)->shutdown();
}

Result<std::filesystem::path> Libvips::find_module() {
  std::vector<std::filesystem::path> candidates;
  if (const auto folder = executable_folder(); !folder.empty()) {
    candidates.push_back(folder / kModuleFile);
    candidates.push_back((folder / ".." / "lib" / "vernissage" / kModuleFile).lexically_normal());
  }
#ifdef VERN_LIBVIPS_MODULE_BUILD_PATH
  candidates.emplace_back(VERN_LIBVIPS_MODULE_BUILD_PATH);
#endif
  std::string tried;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (std::filesystem::exists(candidate, ec)) return candidate;
    tried += (tried.empty() ? "" : ", ") + candidate.string();
  }
  return fail(ErrorCode::kInternal, std::string("the libvips module ") + kModuleFile +
                                        " was not found (looked for " + tried +
                                        "); reinstall vernissage");
}

Result<const detail::LibvipsFunctions*> Libvips::functions() const {
  std::call_once(once_, [this] {
    functions_ = load();
    loaded_.store(functions_.has_value(), std::memory_order_release);
  });
  return functions_;
}

bool Libvips::loaded() const { return loaded_.load(std::memory_order_acquire); }

Result<const detail::LibvipsFunctions*> Libvips::load() const {
  const auto module = find_module();
  if (!module) return tl::unexpected(module.error());
  // RTLD_GLOBAL, as when the program linked libvips: what libvips and GLib open later (libvips'
  // HEIF and ImageMagick modules, ImageMagick's coders) sees the same symbols in the same order.
  // libvips' calls into liborc still bind to the executable's wrappers (orc_serialisation.cpp),
  // which come first in the global scope; tests/e2e/robustness_test.cpp checks both bindings.
  void* handle = dlopen(module->c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return fail(ErrorCode::kInternal,
                std::string("cannot open the libvips module: ") + (why ? why : "unknown reason"),
                module->string());
  }
  using EntryPoint = const detail::LibvipsFunctions* (*)();
  const auto entry = reinterpret_cast<EntryPoint>(dlsym(handle, detail::kLibvipsEntryPoint));
  const detail::LibvipsFunctions* functions = entry != nullptr ? entry() : nullptr;
  if (functions == nullptr || functions->interface != detail::kLibvipsInterface ||
      std::strcmp(functions->version, VERNISSAGE_VERSION) != 0) {
    dlclose(handle);
    return fail(ErrorCode::kInternal,
                "the libvips module belongs to another build of vernissage (" VERNISSAGE_VERSION
                " wanted); reinstall vernissage",
                module->string());
  }
  if (auto started = functions->start(program_.c_str(), threads_per_image_); !started) {
    return tl::unexpected(started.error());
  }
  return functions;
}

}  // namespace vern::imaging
