#!/usr/bin/env bash
# Installs what yardstick needs to build and test on Debian 12 (or a
# derivative): the compiler and CMake, GSL, libyaml, jansson (reads
# DHAT's output for `bench profile --collector dhat`), cmocka, valgrind,
# Google Benchmark's compare.py with SciPy for the interoperability tests,
# perf for `bench profile` and its test (tests/e2e/profile.sh), jq with
# PyYAML for the GitHub Action's scripts and their test (docs/action.md),
# and Chromium, which renders a flame graph for the screenshot test
# (tests/e2e/profile_screenshot.sh; about 80 MB to download, 400 MB with
# its libraries, two minutes to install on a fresh machine).
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config libgsl-dev libyaml-dev libjansson-dev libcmocka-dev \
  valgrind libbenchmark-tools python3 python3-scipy linux-perf jq python3-yaml \
  git chromium >/dev/null
echo "yardstick: dependencies installed"
