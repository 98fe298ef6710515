#!/usr/bin/env bash
# Keeps the command-line documentation in step with the program: every
# option `bench --help` prints must appear in docs/cli.md (a table row
# "| `--name METAVAR` |" holding the default --help prints), in the man page
# docs/yardstick.1 (with its METAVAR) and in the README's option table; the
# choices of --collector and --format must be named in their rows; and no
# document may list an option the program does not know. Exits 1 naming
# each difference.
# Usage: cli_docs.sh PATH/TO/bench TESTS_SOURCE_DIR
set -euo pipefail
bench=$1
root=$(cd "$2/.." && pwd)
cli_md=$root/docs/cli.md
man=$root/docs/yardstick.1
readme=$root/README.md
bad=0
fail() {
  echo "cli_docs: $1"
  bad=1
}

help=$("$bench" --help)

# One line per option of --help: NAME, METAVAR and its whole help text
# (continuation lines joined), separated by the unit separator \037: with
# a tab, `read` would merge an empty METAVAR away.
options=$(awk '
  /^  --/ {
    if (name != "") print name "\037" meta "\037" text
    line = substr($0, 3)
    split(line, parts, "  +")
    head = parts[1]
    name = head; meta = ""
    if (index(head, " ") > 0) {
      name = substr(head, 1, index(head, " ") - 1)
      meta = substr(head, index(head, " ") + 1)
    }
    text = substr(line, length(parts[1]) + 1)
    sub(/^ +/, "", text)
    next
  }
  name != "" && /^   +[^ ]/ { t = $0; sub(/^ +/, "", t); text = text " " t; next }
  name != "" { print name "\037" meta "\037" text; name = "" }
  END { if (name != "") print name "\037" meta "\037" text }
' <<<"$help")
n=$(grep -c . <<<"$options" || true)
if [ "$n" -lt 20 ]; then
  fail "read only $n options from '$bench --help': has its layout changed?"
  exit 1
fi

# The roff spelling of "--name": every '-' escaped.
roff() { sed 's/-/\\-/g' <<<"$1"; }

while IFS=$'\037' read -r name meta text; do
  # docs/cli.md: the row, its metavar, its default and its choices.
  if [ -n "$meta" ]; then first="\`$name $meta\`"; else first="\`$name\`"; fi
  # A '|' inside a Markdown table cell is written '\|'.
  row=$(sed 's/\\|/|/g' "$cli_md" | grep -F "| $first |" || true)
  if [ -z "$row" ]; then
    fail "docs/cli.md has no row '| $first |' for $name"
  else
    # A default of one word ("(default: 0.2)") must be in the row as `0.2`.
    def=$(sed -nE 's/.*\(default: ([^ )]+)\).*/\1/p' <<<"$text")
    if [ -n "$def" ] && ! grep -qF "\`$def\`" <<<"$row"; then
      fail "docs/cli.md's row of $name does not give its default \`$def\`"
    fi
    case $name in
    --collector | --format)
      choices=$(sed -nE 's/.*: ([a-z, ]+) \(default.*/\1/p' <<<"$text")
      [ -n "$choices" ] || fail "--help lists no choices for $name"
      for c in ${choices//,/ }; do
        grep -qF "\`$c\`" <<<"$row" ||
          fail "docs/cli.md's row of $name does not name \`$c\`"
      done
      ;;
    esac
  fi
  # The man page: ".B \-\-name" or ".BI \-\-name " METAVAR"".
  if [ -n "$meta" ]; then
    grep -qxF ".BI $(roff "$name") \" $meta\"" "$man" ||
      fail "docs/yardstick.1 has no '.BI $(roff "$name") \" $meta\"'"
  else
    grep -qxF ".B $(roff "$name")" "$man" ||
      fail "docs/yardstick.1 has no '.B $(roff "$name")'"
  fi
  # The README's table names it.
  grep -qF "\`$name" "$readme" || fail "README.md does not mention $name"
done <<<"$options"

# Nothing documented that the program does not know.
known=$(cut -d$'\037' -f1 <<<"$options")
while read -r name; do
  grep -qxF -- "$name" <<<"$known" ||
    fail "docs/cli.md documents $name, which --help does not list"
done < <(grep -oE '^\| `--[a-z-]+' "$cli_md" | sed 's/^| `//')
while read -r name; do
  grep -qxF -- "$name" <<<"$known" ||
    fail "docs/yardstick.1 documents $name, which --help does not list"
done < <(grep -E '^\.BI? \\-\\-' "$man" | sed -E 's/^\.BI? //; s/\\-/-/g' |
  cut -d' ' -f1)

# The exit codes of --help are the man page's and cli.md's.
for code in 0 1 2 3 130 143; do
  grep -qE "^  ($code|.*\b$code\b)" <<<"$help" ||
    fail "--help no longer lists exit code $code: update this test"
  grep -qE "^\| \`$code\`|\`$code\`, |, \`$code\` \|" "$cli_md" ||
    fail "docs/cli.md's exit status table lacks $code"
done

[ "$bad" -eq 0 ] && echo "cli_docs: $n options, documented in docs/cli.md," \
  "docs/yardstick.1 and README.md"
exit "$bad"
