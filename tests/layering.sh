#!/usr/bin/env bash
# Checks the layering of docs/architecture.md: a source file includes
# headers of its own folder and of strictly lower layers only, so the
# dependency graph of the library points down. Exits 1 naming every
# include that points up or sideways.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"

# The layer of each folder (bottom = 0). Folders on one layer are
# independent of each other.
declare -A layer=(
  [include]=0
  [core]=1
  [collectors]=2 [analysis]=2
  [run]=3 [gate]=3 [baselines]=3
  [reports]=4 [peer]=4 [profile]=4
  [harness]=5
)

bad=0
checked=0
for folder in "${!layer[@]}"; do
  while IFS= read -r -d '' file; do
    dir="$(dirname "$file")"
    while IFS= read -r target; do
      resolved="$(realpath -m "$dir/$target")"
      rel="${resolved#"$root"/}"
      to="${rel%%/*}"
      checked=$((checked + 1))
      if [ "$to" = "$folder" ]; then continue; fi
      if [ -z "${layer[$to]+set}" ]; then
        echo "layering: ${file#"$root"/} includes $target, outside every layer"
        bad=1
      elif [ "${layer[$to]}" -ge "${layer[$folder]}" ]; then
        echo "layering: ${file#"$root"/} (layer ${layer[$folder]}, $folder/)" \
          "includes $rel (layer ${layer[$to]}, $to/): includes must point down"
        bad=1
      fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
  done < <(find "$root/$folder" -name '*.[ch]' -print0)
done

if [ "$checked" -eq 0 ]; then
  echo "layering: no includes found under $root: wrong root?"
  exit 1
fi
if [ "$bad" -eq 0 ]; then echo "layering: $checked includes, all point down"; fi
exit "$bad"
