# The two set-up commands (see README): `make demo` and `make test`.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
TEST_DIR := build/test

.PHONY: deps demo build test build-test fuzz-short format tidy header-comments clean

deps:
	./scripts/install-deps

$(RELEASE_DIR)/build.ninja:
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DGONGKAI_BUILD_TESTS=OFF

build: deps $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target gongkai

# Builds, creates demo.key (once) and demo.db (SQLite) with the demo city as of today, its
# applicants' data sealed with that key, then serves it at http://127.0.0.1:8080 with the
# same key (Ctrl-C stops it).
demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	test -f demo.key || $(RELEASE_DIR)/gongkai request keygen demo.key
	$(RELEASE_DIR)/gongkai demo --db sqlite:demo.db --key-file demo.key
	@echo
	@echo "门户:   http://127.0.0.1:8080/"
	@echo "后台:   http://127.0.0.1:8080/admin  演示账号 demo-admin, demo-editor, demo-reviewer,"
	@echo "        demo-handler, demo-jyj-editor，密码均为 gongkai-demo-2024（见 docs/admin.md）"
	@echo
	$(RELEASE_DIR)/gongkai serve --db sqlite:demo.db --key-file demo.key

$(TEST_DIR)/build.ninja:
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DGONGKAI_SANITIZE=ON -DGONGKAI_WERROR=ON

build-test: deps $(TEST_DIR)/build.ninja
	cmake --build $(TEST_DIR) -j $(JOBS)

# Debug + ASan/UBSan build, a throwaway PostgreSQL cluster, the whole CTest suite, then a
# short run of every fuzz target.
test: build-test
	./scripts/with-postgres $(TEST_DIR)/pg -- \
	  ctest --test-dir $(TEST_DIR) --output-on-failure -j $(JOBS)
	$(MAKE) fuzz-short

# Each libFuzzer target (clang, separate build in build/fuzz) for FUZZ_SECONDS seconds.
FUZZ_SECONDS ?= 60
fuzz-short: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./scripts/fuzz-short

format:
	git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format -i

# clang-tidy (.clang-tidy) over the production sources, with the compile commands of
# TIDY_DIR (configured as a Debug build if it has none yet). Narrow it with
# TIDY_FILES="src/core/utf8.cpp src/store/..." or TIDY_FILES=changed (the .cpp files changed
# against main). Prints the findings; exits non-zero only when clang-tidy itself fails.
TIDY_DIR ?= build/dev
TIDY_FILES ?= all
tidy:
	@test -f $(TIDY_DIR)/compile_commands.json || \
	  cmake -S . -B $(TIDY_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
	@files="$(TIDY_FILES)"; \
	if [ "$$files" = all ]; then files=$$(git ls-files 'src/*.cpp' 'bench/*.cpp' | grep -v '_test\.cpp$$'); \
	elif [ "$$files" = changed ]; then files=$$(git diff --name-only --diff-filter=AMR main -- 'src/*.cpp' 'bench/*.cpp' | grep -v '_test\.cpp$$'); fi; \
	if [ -z "$$files" ]; then echo "tidy: no files"; exit 0; fi; \
	run-clang-tidy -quiet -p $(TIDY_DIR) -j $(JOBS) $$(for f in $$files; do printf '%s$$ ' "$$f"; done)

# Comment share of each module's public headers (>= 30 %, DESIGN.md).
header-comments:
	./scripts/header-comments

clean:
	rm -rf build
