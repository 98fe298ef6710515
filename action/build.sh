#!/usr/bin/env bash
# Step 2 of the yardstick action: builds the CMake target (input 'target')
# and finds the benchmark program; in against mode also checks out the
# pull request's merge base in a worktree and builds the same target there.
# Without a target it only checks that the program (input 'program') runs.
# The ctx_* variables are the context load_context reads.
# shellcheck disable=SC2154
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"
load_context

target=${YS_TARGET:-}
source_dir=${YS_SOURCE_DIR:-.}
build_dir=${YS_BUILD_DIR:-build}
read -ra cmake_args <<<"${YS_CMAKE_ARGS:--DCMAKE_BUILD_TYPE=Release}"
jobs=$(nproc 2>/dev/null || echo 2)

# find_program BUILD_DIR: the program built for the target in BUILD_DIR.
find_program() {
  local dir=$1 found
  if [ -n "${YS_PROGRAM:-}" ]; then
    # 'program' names the program inside the build folder.
    echo "$dir/${program_in_build}"
    return
  fi
  mapfile -t found < <(find "$dir" -path '*/CMakeFiles' -prune -o \
    -type f -name "$target" -perm -u+x -print)
  case ${#found[@]} in
    1) echo "${found[0]}" ;;
    0) die "target '$target' built no executable named '$target' under $dir: give its path as input 'program'" ;;
    *) die "several executables named '$target' under $dir (${found[*]}): give the path as input 'program'" ;;
  esac
}

# build SOURCE BUILD: configures (once) and builds the target.
build() {
  echo "yardstick: building target '$target' in $2"
  if [ ! -f "$2/CMakeCache.txt" ]; then
    cmake -S "$1" -B "$2" "${cmake_args[@]}" || die "cmake could not configure $1 in $2"
  fi
  cmake --build "$2" --target "$target" -j"$jobs" ||
    die "cmake could not build target '$target' in $2"
}

if [ -z "$target" ]; then
  program=${YS_PROGRAM}
  if [ ! -f "$program" ] || [ ! -x "$program" ]; then
    die "the benchmark program '$program' does not exist or is not executable: build it before this action, or give input 'target'"
  fi
  set_output program "$program"
  exit 0
fi

program_in_build=""
if [ -n "${YS_PROGRAM:-}" ]; then
  case "$YS_PROGRAM" in
    "$build_dir"/*) program_in_build=${YS_PROGRAM#"$build_dir"/} ;;
    *) die "input 'program' ($YS_PROGRAM) must lie in the build folder '$build_dir' when a target is built" ;;
  esac
fi

build "$source_dir" "$build_dir"
program=$(find_program "$build_dir")
[ -x "$program" ] || die "target '$target' was built but $program is not an executable"
set_output program "$program"
echo "yardstick: benchmark program $program"

if [ "$ctx_role" != against ]; then
  exit 0
fi

# The merge base of the pull request, built from a worktree of its own.
base_sha=$ctx_base_sha
top=$(git -C "$source_dir" rev-parse --show-toplevel) ||
  die "mode 'against' needs a git checkout: $source_dir is not in one"
if ! git -C "$top" cat-file -e "$base_sha^{commit}" 2>/dev/null; then
  git -C "$top" fetch --no-tags --quiet origin "$base_sha" ||
    die "cannot fetch the base commit $base_sha"
fi
if ! merge_base=$(git -C "$top" merge-base "$base_sha" HEAD 2>/dev/null); then
  if [ "$(git -C "$top" rev-parse --is-shallow-repository)" = true ]; then
    git -C "$top" fetch --no-tags --quiet --unshallow origin HEAD "$base_sha" ||
      die "cannot deepen the shallow checkout: check out with 'fetch-depth: 0'"
  fi
  merge_base=$(git -C "$top" merge-base "$base_sha" HEAD) ||
    die "no merge base of $base_sha and HEAD: check out with 'fetch-depth: 0'"
fi
echo "yardstick: merge base $merge_base"
set_output merge-base "$merge_base"

base_tree=$YS_WORK_DIR/base
git -C "$top" worktree remove --force "$base_tree" >/dev/null 2>&1 || rm -rf "$base_tree"
git -C "$top" worktree prune
git -C "$top" worktree add --detach --quiet "$base_tree" "$merge_base" ||
  die "cannot check out the merge base $merge_base in $base_tree"
rel_source=$(realpath --relative-to="$top" "$source_dir")
build "$base_tree/$rel_source" "$YS_WORK_DIR/base-build"
base_program=$(find_program "$YS_WORK_DIR/base-build")
[ -x "$base_program" ] ||
  die "the merge base built no $base_program: did the target exist there?"
set_output base-program "$base_program"
echo "yardstick: base program $base_program"
