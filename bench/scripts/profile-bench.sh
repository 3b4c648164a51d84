#!/usr/bin/env bash
# Profiles the services under `./stratus bench`: runs the bench with the given arguments and, once its measured phase
# starts (the CLI prints "running"), a JFR recording (settings=profile) in every service JVM of the local stack; then
# dumps the recordings into OUT and prints where each service's CPU samples went (bench/scripts/jfr-breakdown.py).
# The stack must be up (`./stratus up`); STRATUS_STATE names its state directory when it is not the default
# (`./stratus --dir DIR up`).
#
# usage: [STRATUS_STATE=DIR] bench/scripts/profile-bench.sh OUT [bench options...]
#        e.g. bench/scripts/profile-bench.sh /tmp/jfr --devices 2000 --concurrency 64
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$1"; shift
mkdir -p "$out"
state="${STRATUS_STATE:-$ROOT/.stratus}"
services=(ca-service enrollment-service profile-service)
declare -A pids
for s in "${services[@]}"; do
  pid=$(cat "$state/pids/$s.pid" 2>/dev/null || true)
  [[ -n "$pid" ]] || { echo "no pid file for $s: is the stack up?" >&2; exit 1; }
  pids[$s]=$pid
done
log="$out/bench.log"
"$ROOT/stratus" --dir "$state" bench "$@" > "$log" 2>&1 &
bench=$!
until grep -q '^  running' "$log" 2>/dev/null || ! kill -0 "$bench" 2>/dev/null; do sleep 0.2; done
for s in "${services[@]}"; do
  jcmd "${pids[$s]}" JFR.start name=bench settings=${JFR_SETTINGS:-profile} >/dev/null
done
status=0
wait "$bench" || status=$?
cat "$log"
for s in "${services[@]}"; do
  jcmd "${pids[$s]}" JFR.dump name=bench filename="$out/$s.jfr" >/dev/null
  jcmd "${pids[$s]}" JFR.stop name=bench >/dev/null
  python3 "$ROOT/bench/scripts/jfr-breakdown.py" "$out/$s.jfr" 12
done
exit "$status"
