#!/usr/bin/env bash
# Benchmark: wall time of the README's test command, `mvn -B verify` (Maven's JVM with .mvn/jvm.config, the test JVMs
# and the JVMs the tests fork with pom.xml's test.jvm.options: the short-run settings), against the same suite with
# the configuration before them: the JVM's defaults everywhere and one test JVM (no .mvn/jvm.config,
# `mvn -B verify -Dtest.jvm.options= -Dtest.forks=1`), side by side in one run,
# with the ratio and the number of tests each ran (read from the Surefire and Failsafe reports).
# Goal (issue 17): at most 0.7x the time, the same tests.
# Each run builds and tests a fresh copy of the working tree (tracked and new files) in a temporary directory, so that
# neither gains from the other's compiled classes; both share ~/.m2. They alternate (default first) RUNS times.
# A measurement to run by hand, never a test. It takes minutes: RUNS defaults to 1.
#   RUNS=1 bench/test-wall-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-1}"
goal_ratio=0.7
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

# Prints "tests failures errors skipped" summed over one copy's Surefire and Failsafe reports.
count_tests() {
  cat "$1"/target/surefire-reports/TEST-*.xml "$1"/target/failsafe-reports/TEST-*.xml 2>/dev/null \
    | sed -n 's/.*<testsuite [^>]*>.*/&/p' \
    | awk '{
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^tests="/) { gsub(/[^0-9]/, "", $i); t += $i }
          if ($i ~ /^failures="/) { gsub(/[^0-9]/, "", $i); f += $i }
          if ($i ~ /^errors="/) { gsub(/[^0-9]/, "", $i); e += $i }
          if ($i ~ /^skipped="/) { gsub(/[^0-9]/, "", $i); s += $i }
        }
      } END { printf "%d %d %d %d", t, f, e, s }'
}

# Runs one variant in a fresh copy; appends its time to times_<variant> and prints its counts.
# Wall time, and CPU time (user + system of Maven and every JVM it forks), which moves less with other load.
declare -A times cpu counts
TIMEFORMAT='%3R %3U %3S'
run_variant() {
  local variant="$1"; shift
  local copy="$workdir/$variant"
  rm -rf "$copy" && mkdir -p "$copy"
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy"
  if [ "$variant" = default ]; then
    rm -f "$copy/.mvn/jvm.config"
  fi
  local status=0 real user system
  { time (cd "$copy" && mvn -B "$@" verify > "$workdir/$variant.log" 2>&1) || status=$?; } 2> "$workdir/time"
  read -r real user system < "$workdir/time"
  times[$variant]+="$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }') "
  cpu[$variant]+="$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", (u + s) * 1000 }') "
  counts[$variant]="$(count_tests "$copy")"
  if [ "$status" -ne 0 ]; then
    echo "  $variant: mvn exited $status (log: kept in $workdir/$variant.log)"
    tail -n 30 "$workdir/$variant.log"
    trap - EXIT
    exit 1
  fi
}

for _ in $(seq "$runs"); do
  run_variant default -Dtest.jvm.options= -Dtest.forks=1
  run_variant short-run
done

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
default_ms=$(median "${times[default]}")
short_run_ms=$(median "${times[short-run]}")
ratio=$(awk -v a="$short_run_ms" -v b="$default_ms" 'BEGIN { printf "%.2f", a / b }')
describe() { set -- $1; echo "$1 tests ($2 failures, $3 errors, $4 skipped)"; }

echo "mvn -B verify: ${runs} run(s) each on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg))"
default_cpu=$(median "${cpu[default]}")
short_run_cpu=$(median "${cpu[short-run]}")
echo "  before (no .mvn/jvm.config, -Dtest.jvm.options= -Dtest.forks=1): wall median $default_ms ms, CPU $default_cpu ms, $(describe "${counts[default]}")"
echo "  README's test command (mvn -B verify):                            wall median $short_run_ms ms, CPU $short_run_cpu ms, $(describe "${counts[short-run]}")"
echo "  ratio: ${ratio}x the wall time of the default, $(awk -v a="$short_run_cpu" -v b="$default_cpu" 'BEGIN { printf "%.2f", a / b }')x its CPU time"
if [ "${counts[default]}" = "${counts[short-run]}" ] \
    && awk -v r="$ratio" -v g="$goal_ratio" 'BEGIN { exit !(r <= g) }'; then
  echo "  within the goal (at most ${goal_ratio}x, the same tests)"
else
  echo "  OUTSIDE the goal (at most ${goal_ratio}x, the same tests)"
fi
