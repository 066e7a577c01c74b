#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (CI runs it after
# scripts/test.sh). Builds into ./build-asan (Release optimisation, sanitizers on every target, no
# Python module: an instrumented extension cannot load into an uninstrumented interpreter).
# Any sanitizer report fails the test that triggered it. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
# Warnings are checked by the normal -Werror build; GCC's -Wmaybe-uninitialized gives false positives
# inside libstdc++ (std::regex, std::function) once sanitizers instrument it.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DSPOT_SANITIZE=address,undefined \
  -DSPOT_BUILD_PYTHON=OFF -DSPOT_BUILD_BENCH=OFF -DSPOT_WERROR=OFF >/dev/null
cmake --build build-asan -j"$(nproc)"
supp="$PWD/tests/sanitizers"
# OpenCV tries its gPhoto2 camera backend whenever a video file fails to open in the others;
# libgphoto2's camera autodetection leaks inside libusb (uninstrumented Debian libraries, stacks
# LeakSanitizer cannot attribute with its fast unwinder). SPOT never uses gPhoto2 cameras.
export OPENCV_VIDEOIO_PRIORITY_GPHOTO2=0
# Reports in third-party libraries we link but do not build (LibTorch, OpenCV, their threads) are
# listed in the suppression files with the reason; none may name SPOT code.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" "$@"
