// Serialises liborc's program compilation and freeing, which libvips calls from every thread
// that builds or drops a resize or convolution.
//
// Why: Debian 12's liborc 0.4.33 frees a program's code memory (orc_code_chunk_free, which merges
// neighbouring free chunks of a shared list) without taking the lock that guards allocating it.
// libvips compiles an orc program for every reducev and integer conv it builds and frees it when
// the pipeline goes, so parallel builds corrupted the heap now and then: 1 run in 12 to 40 of a
// cold build of 10,000 small photos aborted ("double free or corruption", "malloc_consolidate():
// unaligned fastbin chunk detected", core dumps in vips_vector_free). Three threads resizing a
// small photo in a loop crashed within 1 to 17 s; with these wrappers, 5 runs of 12,000 rounds
// passed. Turning orc off instead (VIPS_NOVECTOR) cost 35 % of a cold build.
//
// How: the executable defines the two orc functions libvips calls, so the dynamic linker binds
// libvips' calls here (the link exports them: see CMakeLists.txt); each takes one process-wide
// lock and calls liborc's own. This object is linked into the executable itself, never into a
// library, so a program that does not ask for it is unaffected.
#include <dlfcn.h>

#include <mutex>

extern "C" {
struct _OrcProgram;
using OrcProgramHandle = struct _OrcProgram*;
}

namespace {

// Recursive: liborc may call one of the wrapped functions from the other.
std::recursive_mutex& orc_lock() {
  static std::recursive_mutex lock;
  return lock;
}

template <typename Function>
Function liborc(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int orc_program_compile(OrcProgramHandle program) {
  static const auto real = liborc<int (*)(OrcProgramHandle)>("orc_program_compile");
  const std::lock_guard guard(orc_lock());
  return real(program);
}

__attribute__((visibility("default"))) void orc_program_free(OrcProgramHandle program) {
  static const auto real = liborc<void (*)(OrcProgramHandle)>("orc_program_free");
  const std::lock_guard guard(orc_lock());
  real(program);
}

}  // extern "C"
