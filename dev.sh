#!/usr/bin/env bash
# The two set-up commands of the README:
#   ./dev.sh start   install what is missing, build gitops-sim (only), start it:
#                    the learner's next lesson, in the window or, without a
#                    display, in the terminal
#   ./dev.sh test    install what is missing, build, run every test
#                    (also under AddressSanitizer + UndefinedBehaviorSanitizer)
# Debian 12 packages only; nothing is downloaded at build time.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake g++ make ninja-build pkg-config git
  libimgui-dev libglfw3-dev libgit2-dev libyaml-cpp-dev libsqlite3-dev catch2
  fonts-nanum xvfb xauth libcli11-dev nlohmann-json3-dev libfmt-dev libssl-dev libstb-dev sqlite3)

JOBS=$(nproc 2>/dev/null || echo 2)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "dev.sh: installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
  fi
}

configure() {  # configure DIR [cmake args...]
  # -O2 without debug information: a third less compile time than
  # RelWithDebInfo's -O2 -g (CI builds everything twice on 2 cores); for a
  # debugger, configure a build directory of your own.
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" "$@" >/dev/null
}

build() {  # build DIR [cmake args...]: everything, tests included
  configure "$@"
  cmake --build "$1" -j "$JOBS"
}

case "${1:-start}" in
  start)
    install_missing
    configure build
    cmake --build build -j "$JOBS" --target gitops-sim  # what start runs, not the tests
    shift || true
    if [ $# -gt 0 ]; then exec ./build/sim/cli/gitops-sim "$@"; fi
    exec ./build/sim/cli/gitops-sim
    ;;
  test)
    install_missing
    build build
    (cd build && ctest --output-on-failure -j "$JOBS")
    echo "dev.sh: the same suite under AddressSanitizer + UndefinedBehaviorSanitizer"
    # Debug keeps assertions on. -Og -g1 (line tables for the reports):
    # -O1 runs the suite about 2.8 times faster than -O0 but compiles 75 %
    # longer; -Og costs 5 % more than -O0 -g to compile and runs faster.
    build build-asan -DGS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-Og -g1"
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$JOBS")
    ;;
  *)
    echo "usage: ./dev.sh start [ARGS...] | ./dev.sh test" >&2
    exit 2
    ;;
esac
