#!/usr/bin/env bash
# The one entry point for a fresh machine: installs the Debian packages millwright needs (when
# missing), configures and builds, then runs the example replay or the whole test suite.
#
#   ./dev.sh example   replay the bundled request streams through the shipped workflows: the
#                      corrective day (with the example directory, whose people approve costly
#                      jobs), then the preventive year (with the example assets as well)
#   ./dev.sh test      run every test through CTest
#   ./dev.sh build     only set up and build
#   ./dev.sh deps      only install the Debian packages
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD_DIR=${MILLWRIGHT_BUILD_DIR:-$ROOT/build}
JOBS=$(nproc 2>/dev/null || echo 2)

PACKAGES=(build-essential cmake pkg-config liblua5.4-dev tao-pegtl-dev nlohmann-json3-dev
          libhowardhinnant-date-dev tzdata catch2 libsqlite3-dev libsimdjson-dev libcli11-dev)

install_packages() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    echo "millwright: installing Debian packages: ${missing[*]}" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo apt-get update -q
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    else
        echo "millwright: missing Debian packages: ${missing[*]}" >&2
        echo "millwright: install them as root with: apt-get install ${missing[*]}" >&2
        exit 1
    fi
}

build() {
    install_packages
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$BUILD_DIR" -j "$JOBS"
}

case "${1:-}" in
    example)
        build
        echo "== examples/requests/corrective.jsonl: a day of corrective maintenance" >&2
        "$BUILD_DIR/cli/millwright" replay --rules "$ROOT/workflows" \
            --directory "$ROOT/examples/directory.json" \
            --events "$ROOT/examples/requests/corrective.jsonl"
        echo "== examples/requests/preventive.jsonl: a year of preventive maintenance" >&2
        "$BUILD_DIR/cli/millwright" replay --rules "$ROOT/workflows" \
            --directory "$ROOT/examples/directory.json" \
            --assets "$ROOT/examples/assets.json" \
            --events "$ROOT/examples/requests/preventive.jsonl"
        ;;
    test)
        build
        ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
        ;;
    build)
        build
        ;;
    deps)
        install_packages
        ;;
    *)
        echo "usage: ./dev.sh example|test|build|deps" >&2
        exit 2
        ;;
esac
