#!/usr/bin/env bash
# Checks that every document the repository cites exists in it: paths like
# docs/NAME.md in sources, scripts and documents; relative Markdown links
# in README.md and docs/; and bare upper-case citations such as
# STATISTICS.md, which must name a file of the repository. Exits 1 naming
# each dangling citation.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

# The files that may cite documents: this script's own examples excepted.
mapfile -t files < <(find . \( -path './build*' -o -path './.git' \) -prune \
  -o -type f \( -name '*.[ch]' -o -name '*.cc' -o -name '*.md' \
  -o -name '*.sh' -o -name 'CMakeLists.txt' -o -path './.ci/*' \) -print |
  grep -v '^./tests/doc_links.sh$')
known=$(find . \( -path './build*' -o -path './.git' \) -prune -o \
  -name '*.md' -print | sed 's|.*/||' | sort -u)

bad=0
checked=0
report() {
  echo "doc_links: $1"
  bad=1
}

# FILE:docs/x.md for every path citation.
while IFS=: read -r file cited; do
  checked=$((checked + 1))
  [ -f "$cited" ] || report "$file cites $cited, which does not exist"
done < <(grep -oHE '(^|[^A-Za-z0-9_./-])docs/[A-Za-z0-9_.-]+\.md' "${files[@]}" |
  sed -E 's/:[^d]*docs/:docs/' | sort -u)

# FILE:NAME.md for bare upper-case citations; FILE, NAME, PATH and OUT are
# placeholders in usage texts.
while IFS=: read -r file cited; do
  checked=$((checked + 1))
  grep -qxF "$cited" <<<"$known" ||
    report "$file cites $cited, which is not in the repository"
done < <(grep -oHE '\b[A-Z][A-Z_]+\.md\b' "${files[@]}" |
  grep -vE ':(FILE|NAME|PATH|OUT)\.md$' | sort -u)

# FILE:](target.md...) for relative Markdown links in documents.
while IFS=: read -r file link; do
  checked=$((checked + 1))
  target=$(sed -E 's/^\]\(//; s/(#[^)]*)?\)$//' <<<"$link")
  [ -e "$(dirname "$file")/$target" ] ||
    report "$file links to $target, which does not exist"
done < <(grep -oHE '\]\([^)#:]+\.md(#[^)]*)?\)' \
  $(printf '%s\n' "${files[@]}" | grep '\.md$') | sort -u)

if [ "$checked" -eq 0 ]; then
  echo "doc_links: no citations found under $root: wrong root?"
  exit 1
fi
[ "$bad" -eq 0 ] && echo "doc_links: $checked citations, all found"
exit "$bad"
