# The two commands a fresh Debian 12 machine needs: `make run` and `make test`.
# Everything they use is installed by scripts/install-deps.sh.

BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= $(shell nproc)
SITE ?= out/site

.PHONY: run test deps build build-asan check-site screenshots format bench clean

run: deps build
	./$(BUILD_DIR)/vernissage build examples/photos -o $(SITE); \
	  code=$$?; [ $$code -le 1 ] || exit $$code
	@echo "Open $(abspath $(SITE))/index.html"

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

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) out
