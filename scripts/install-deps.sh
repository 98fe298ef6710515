#!/usr/bin/env bash
# Installs what yardstick needs to build and test on Debian 12 (or a
# derivative): the compiler and CMake, GSL, libyaml, cmocka, valgrind,
# Google Benchmark's compare.py with SciPy for the interoperability tests,
# perf for `bench profile` and its test (tests/e2e/profile.sh), and jq with
# PyYAML for the GitHub Action's scripts and their test (docs/action.md).
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config libgsl-dev libyaml-dev libcmocka-dev \
  valgrind libbenchmark-tools python3 python3-scipy linux-perf jq python3-yaml \
  git >/dev/null
echo "yardstick: dependencies installed"
