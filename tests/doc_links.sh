#!/usr/bin/env bash
# Checks that every document the repository cites exists in it: paths like
# docs/NAME.md in sources, scripts and documents; relative Markdown links
# in README.md and docs/; and bare NAME.md citations (STATISTICS.md, say),
# which must name a file of the repository. Exits 1 naming each dangling
# citation.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

bad=0
checked=0
files=$(git ls-files -- '*.c' '*.h' '*.cc' '*.sh' '*.md' 'CMakeLists.txt' \
  '*/CMakeLists.txt' '.ci/*' 2>/dev/null ||
  find . -path ./build -prune -o -type f \( -name '*.[ch]' -o -name '*.md' \
    -o -name '*.sh' \) -print)

# Every existing .md file of the repository, by base name, for bare citations.
known=$(find . -path './build*' -prune -o -name '*.md' -print |
  sed 's|.*/||' | sort -u)

while IFS= read -r file; do
  [ -f "$file" ] || continue
  # Paths: docs/x.md, with or without a leading ./ or ../
  while IFS= read -r cited; do
    checked=$((checked + 1))
    if [ ! -f "$cited" ]; then
      echo "doc_links: $file cites $cited, which does not exist"
      bad=1
    fi
  done < <(grep -oE '(^|[^A-Za-z0-9_./-])docs/[A-Za-z0-9_.-]+\.md' "$file" |
    sed -E 's/^[^d]*//' | sort -u)
  # Bare upper-case names such as STATISTICS.md must be files of the repo.
  while IFS= read -r cited; do
    checked=$((checked + 1))
    if ! grep -qxF "$cited" <<<"$known"; then
      echo "doc_links: $file cites $cited, which is not in the repository"
      bad=1
    fi
  done < <(grep -oE '\b[A-Z][A-Z_]+\.md\b' "$file" |
    grep -vxE '(FILE|NAME|PATH|OUT)\.md' | sort -u)
  # Relative Markdown links in documents: [text](path.md) or (path.md#part).
  case "$file" in
  *.md)
    dir=$(dirname "$file")
    while IFS= read -r link; do
      checked=$((checked + 1))
      if [ ! -e "$dir/$link" ]; then
        echo "doc_links: $file links to $link, which does not exist"
        bad=1
      fi
    done < <(grep -oE '\]\([^)#:]+\.md(#[^)]*)?\)' "$file" |
      sed -E 's/^\]\(//; s/(#[^)]*)?\)$//' | sort -u)
    ;;
  esac
done <<<"$files"

if [ "$checked" -eq 0 ]; then
  echo "doc_links: no citations found under $root: wrong root?"
  exit 1
fi
if [ "$bad" -eq 0 ]; then echo "doc_links: $checked citations, all found"; fi
exit "$bad"
