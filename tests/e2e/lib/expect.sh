# Shared by the end-to-end scripts: source it after setting $tmp (a scratch
# directory) and failures=0.
#
# expect CODE PATTERN -- COMMAND...: runs COMMAND, checks its exit code and
# that stdout+stderr match the extended regex PATTERN; counts failures.
expect() {
  local code=$1 pattern=$2
  shift 3
  "$@" >"$tmp/out" 2>&1
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -Eq -- "$pattern" "$tmp/out"; then
    echo "FAIL: $* → exit $got (want $code), output:"
    sed 's/^/    /' "$tmp/out" | head -30
    echo "    (wanted a match for: $pattern)"
    failures=$((failures + 1))
  else
    echo "ok: $* → $got"
  fi
}

# finish: the script's exit status from the failures counted.
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}

# can_valgrind PROGRAM: whether PROGRAM can run under valgrind here:
# valgrind is installed and PROGRAM is no AddressSanitizer build (which
# valgrind cannot host).
can_valgrind() {
  command -v valgrind >/dev/null 2>&1 && ! sanitized "$1"
}

# sanitized PROGRAM: whether PROGRAM was built with AddressSanitizer, which
# reports heap corruption itself instead of letting malloc abort.
sanitized() {
  # grep reads everything (no -q): an early exit would hand ldd a SIGPIPE,
  # and under pipefail the pipeline would then say "no" at random.
  ldd "$1" 2>/dev/null | grep libasan >/dev/null
}
