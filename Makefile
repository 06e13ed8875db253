# The two commands of the README, on a fresh Debian 12 machine:
#   make demo   install what is missing, build, write the FLASH-WEKA output
#   make test   install what is missing, build, run every test (the normal
#               build with warnings as errors, then ASan + UBSan)
# Other targets: build, install, bench, fuzz, format, clean.

PACKAGES = make cmake pkg-config libcsv-dev libgsl-dev libcairo2-dev \
           libpango1.0-dev zlib1g-dev libjansson-dev libcmocka-dev libglpk-dev glpk-utils \
           fonts-dejavu-core poppler-utils qpdf
BENCH_PACKAGES = python3 datamash miller python3-pandas time gnuplot-nox
FUZZ_PACKAGES = clang libclang-rt-14-dev

BUILD ?= build
BUILD_ASAN ?= build-asan
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
OPBRIEF = $(BUILD)/src/cli/opbrief

.PHONY: demo test build install deps bench fuzz format clean print-packages

# Install the Debian packages in $(1) that are not installed yet: as root
# directly, else through sudo, else print the command and stop.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  cmd="apt-get install -y --no-install-recommends$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive $$cmd; \
	  elif command -v sudo >/dev/null 2>&1; then \
	    echo "installing with sudo:$$missing"; \
	    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive $$cmd; \
	  else \
	    echo "opbrief needs these Debian packages:$$missing"; \
	    echo "run as root:  apt-get update && $$cmd"; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

build: deps
	cmake -S . -B $(BUILD) -DOB_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

# The binary, the manual page, the report definitions, the country tables and
# the systemd units, under $(PREFIX) (make install PREFIX=/opt/opbrief).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

demo: build
	@echo
	@echo "FLASH-WEKA (fixtures/flash-weka-2023.csv), totals:"
	@$(OPBRIEF) aggregate fixtures/flash-weka-2023.csv --by operation --format table
	@mkdir -p out/flash-weka
	@$(OPBRIEF) brief fixtures/flash-weka-2023.csv -o out/flash-weka/briefing.pdf 2>/dev/null
	@$(OPBRIEF) charts fixtures/flash-weka-2023.csv --report reports/article.json \
	    --out out/flash-weka/charts >/dev/null 2>&1
	@echo
	@echo "the briefing:"
	@echo "  out/flash-weka/briefing.pdf"
	@echo "the article charts, each with alt text (.txt) and its data (.csv):"
	@ls out/flash-weka/charts/*.png out/flash-weka/charts/*.svg | sed 's/^/  /'

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	cmake -S . -B $(BUILD_ASAN) -DOB_WERROR=ON -DOB_SANITIZE=address,undefined
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

bench: build
	$(call install_missing,$(BENCH_PACKAGES))
	bench/run.sh
	bench/chart.sh
	bench/briefing.sh

fuzz:
	$(call install_missing,$(PACKAGES) $(FUZZ_PACKAGES))
	CC=clang cmake -S . -B build-fuzz -DOB_FUZZ=ON -DOB_SANITIZE=address,undefined
	cmake --build build-fuzz -j $(JOBS) --target fuzz_ingest
	@echo "run: build-fuzz/tests/fuzz_ingest -runs=1000000 build-fuzz/corpus tests/fuzz/corpus"

format:
	cmake --build $(BUILD) --target format

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) build-fuzz out

# The package list, for .ci/run.
print-packages:
	@echo $(PACKAGES)
