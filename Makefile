# The two commands a fresh Debian 12 machine needs: `make run` and `make test`.
# Everything they use is installed by scripts/install-deps.sh.

BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= $(shell nproc)
SITE ?= out/site
# The real photographs beside the checkout: read by make run, the tests, make bench and make fuzz,
# never committed and never written to.
SHARED_PHOTOS ?= ../shared/photos
# The folder `make run` publishes: the demo archive, or your own (make run PHOTOS=~/Pictures/Moscow).
DEMO_PHOTOS := $(SHARED_PHOTOS)/demo
PHOTOS ?= $(DEMO_PHOTOS)
# The demo's words (site settings, album texts, captions) live in the repository, apart from its
# photos: `--texts` (README "Words apart from the photos"). Your own folder gets none by default.
TEXTS ?= $(if $(filter $(DEMO_PHOTOS),$(PHOTOS)),examples/demo)
# The demo also shows the camera RAW samples of $(SHARED_PHOTOS)/raw, as an album of their own
# (scripts/demo-photos.sh links both into one folder).
RUN_PHOTOS = $(if $(filter $(DEMO_PHOTOS),$(PHOTOS)),$(BUILD_DIR)/demo-photos,$(PHOTOS))

.PHONY: run photos-folder test deps build build-asan check-site screenshots fuzz format check-format \
  tidy bench install package clean

run: photos-folder deps build
	$(if $(filter $(DEMO_PHOTOS),$(PHOTOS)),bash scripts/demo-photos.sh "$(SHARED_PHOTOS)" $(BUILD_DIR)/demo-photos)
	./$(BUILD_DIR)/vernissage build "$(RUN_PHOTOS)" -o $(SITE) $(if $(TEXTS),--texts "$(TEXTS)"); \
	  code=$$?; [ $$code -le 1 ] || exit $$code
	@echo "Open $(abspath $(SITE))/index.html"

photos-folder:
	@if [ ! -d "$(PHOTOS)" ]; then \
	  echo "make run: no photo folder at $(abspath $(PHOTOS))." >&2; \
	  echo "The demo photos are read from $(abspath $(DEMO_PHOTOS)) beside this checkout;" \
	    "to publish a folder of your own: make run PHOTOS=/path/to/photos" >&2; \
	  exit 2; \
	fi

test: deps build build-asan
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS) -L unit

deps:
	bash scripts/install-deps.sh

build:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer, in their own folder.
build-asan:
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DVERNISSAGE_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)

# Lighthouse scores of the demo site (mobile): performance, accessibility, best practices, SEO.
check-site: run
	node scripts/check-site.mjs $(SITE)

# The README's screenshots, from the demo site.
screenshots: run
	node scripts/screenshots.mjs $(SITE) docs

# libFuzzer on the metadata reader, every parser of user files and the search query language,
# FUZZ_SECONDS each, from seed corpora made of the test photos (made from ../shared/photos by
# scripts/make-test-photos.sh) and sample settings and queries.
# Findings land in build-fuzz/findings/.
FUZZ_SECONDS ?= 60
FUZZ_DIR ?= build-fuzz
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DVERNISSAGE_SANITIZE=ON -DVERNISSAGE_FUZZ=ON -DVERNISSAGE_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target metadata_fuzzer imaging_fuzzer raw_fuzzer config_fuzzer album_settings_fuzzer caption_fuzzer search_fuzzer request_fuzzer
	bash scripts/make-test-photos.sh "$(SHARED_PHOTOS)" $(FUZZ_DIR)/test-photos
	mkdir -p $(FUZZ_DIR)/corpus/metadata $(FUZZ_DIR)/corpus/imaging $(FUZZ_DIR)/corpus/raw $(FUZZ_DIR)/corpus/config $(FUZZ_DIR)/corpus/album $(FUZZ_DIR)/corpus/caption \
	  $(FUZZ_DIR)/corpus/search $(FUZZ_DIR)/corpus/request $(FUZZ_DIR)/findings
	find $(FUZZ_DIR)/test-photos/data -type f \( -iname '*.jp*g' -o -iname '*.heic' -o -iname '*.tiff' \) \
	  -size -300k -exec cp {} $(FUZZ_DIR)/corpus/metadata/ \;
	cp $(FUZZ_DIR)/test-photos/seeds/metadata/* $(FUZZ_DIR)/corpus/metadata/
	cp $(FUZZ_DIR)/corpus/metadata/* $(FUZZ_DIR)/corpus/imaging/
	find "$(SHARED_PHOTOS)/raw" -type f ! -name '*.md' -size -600k -exec cp {} $(FUZZ_DIR)/corpus/raw/ \;
	cp fuzz/seeds/config/* $(FUZZ_DIR)/corpus/config/
	cp fuzz/seeds/album/* $(FUZZ_DIR)/corpus/album/
	cp fuzz/seeds/caption/* $(FUZZ_DIR)/corpus/caption/
	cp fuzz/seeds/search/* $(FUZZ_DIR)/corpus/search/
	cp fuzz/seeds/request/* $(FUZZ_DIR)/corpus/request/
	cd $(FUZZ_DIR) && ./fuzz/metadata_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 \
	  -artifact_prefix=findings/metadata- corpus/metadata
	cd $(FUZZ_DIR) && ./fuzz/imaging_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 \
	  -rss_limit_mb=4096 -artifact_prefix=findings/imaging- corpus/imaging
	cd $(FUZZ_DIR) && ASAN_OPTIONS=fast_unwind_on_malloc=0 LSAN_OPTIONS=suppressions=$(abspath fuzz/lsan.supp) \
	  ./fuzz/raw_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 \
	  -rss_limit_mb=4096 -timeout=30 -artifact_prefix=findings/raw- corpus/raw
	cd $(FUZZ_DIR) && ./fuzz/config_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=findings/config- corpus/config
	cd $(FUZZ_DIR) && ./fuzz/album_settings_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=findings/album- corpus/album
	cd $(FUZZ_DIR) && ./fuzz/caption_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=findings/caption- corpus/caption
	cd $(FUZZ_DIR) && ./fuzz/search_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=findings/search- corpus/search
	cd $(FUZZ_DIR) && ./fuzz/request_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=findings/request- corpus/request

# Speed against the peers (sharp, vipsthumbnail, thumbsup; nginx for `serve`); not part of
# `make test`.
bench: deps build
	bash scripts/install-deps.sh --bench
	cmake --build $(BUILD_DIR) --target bench_fill_catalogue -j $(JOBS)
	VERNISSAGE_PHOTOS="$(abspath $(SHARED_PHOTOS))" node bench/bench.mjs
	VERNISSAGE_PHOTOS="$(abspath $(SHARED_PHOTOS))" node bench/raw.mjs
	node bench/shard.mjs
	node bench/catalogue.mjs
	VERNISSAGE_PHOTOS="$(abspath $(SHARED_PHOTOS))" node bench/book.mjs
	node bench/serve.mjs

# Installs the program, its libvips module, the manual page and bash completion under PREFIX.
PREFIX ?= /usr/local
install: deps build
	cmake --install $(BUILD_DIR) --prefix "$(PREFIX)"

# A Debian package (out/vernissage_VERSION_ARCH.deb) of the same files under /usr.
package: deps build
	mkdir -p out
	cd $(BUILD_DIR) && cpack -G DEB -B $(abspath out)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

# Every tracked C++ file as `make format` leaves it (.clang-format); CI runs this before the tests.
check-format: deps
	clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.h')

# clang-tidy's bug-finding checks (.clang-tidy) on the sources, from the build's compile commands.
tidy: build
	run-clang-tidy -quiet -p $(BUILD_DIR) -j $(JOBS) '$(abspath src)/.*\.cpp$$'

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) out
