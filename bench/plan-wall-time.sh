#!/usr/bin/env bash
# Benchmark: wall time of `plan --all` (every stack and the bootstrap), the README's run command against the plain
# jar, side by side in one run, with the ratios:
#   default    java -jar target/kura-infra.jar plan --all    (the JVM's defaults)
#   short-run  the same with JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" (ShortRunJvm: what .ci/run
#              and the workflows give one-shot runs, and the Pulumi CLI's runs of the program)
#   launcher   ./kura-infra plan --all                      (short-run settings + the dependencies' class-data archive)
# Goal (issue 17): the launcher at least 1.8x faster than default, with byte-identical output (stdout and every
# rendered file). A measurement to run by hand, never a test: timings depend on the machine and its load. The three
# are interleaved (default, short-run, launcher, default, ...) so that other processes' load hits them alike.
# Each plans its own copy of the stack files in a temporary directory; the committed stacks/ is never touched.
#   RUNS=5 bench/plan-wall-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-5}"
goal_ratio=1.8
jar=target/kura-infra.jar
if [ ! -f "$jar" ] || [ ! -f target/lib/classpath ]; then
  mvn -B -q package -DskipTests
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
variants=(default short-run launcher)
for variant in "${variants[@]}"; do
  mkdir -p "$workdir/$variant/bootstrap"
  cp Pulumi.yaml Pulumi.*.yaml "$workdir/$variant"/
  cp bootstrap/Pulumi.yaml bootstrap/Pulumi.*.yaml "$workdir/$variant/bootstrap"/
done

plan() {
  local variant="$1"; shift
  case "$variant" in
    default) java -jar "$jar" plan --all --project-dir "$workdir/$variant" "$@" ;;
    short-run) JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
      java -jar "$jar" plan --all --project-dir "$workdir/$variant" "$@" 2>/dev/null ;;
    launcher) ./kura-infra plan --all --project-dir "$workdir/$variant" "$@" ;;
  esac
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The launcher's first run after a change of dependencies also builds the archive: timed once, for the record.
rm -rf target/cds
start=$(now_ms)
plan launcher > "$workdir/first.launcher.out" 2>/dev/null
first_launcher_ms=$(( $(now_ms) - start ))
# Untimed first runs of the other two (they render into their fresh copies, as the launcher's did).
plan default > "$workdir/first.default.out" 2>/dev/null
plan short-run > "$workdir/first.short-run.out"

# Wall time, and CPU time (user + system, of the JVM and its threads): on a shared machine the CPU time moves less
# with other processes' load than the wall time does.
declare -A times cpu
TIMEFORMAT='%3R %3U %3S'
for _ in $(seq "$runs"); do
  for variant in "${variants[@]}"; do
    { time plan "$variant" > "$workdir/run.$variant.out" 2>/dev/null; } 2> "$workdir/time"
    read -r real user system < "$workdir/time"
    times[$variant]+="$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }') "
    cpu[$variant]+="$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", (u + s) * 1000 }') "
  done
done

identical=yes
for variant in short-run launcher; do
  for kind in first run; do
    cmp -s "$workdir/$kind.default.out" "$workdir/$kind.$variant.out" || { identical=no; echo "stdout differs: $kind, $variant"; }
  done
  diff -r -q -x 'Pulumi*.yaml' "$workdir/default" "$workdir/$variant" > /dev/null \
    || { identical=no; echo "rendered files differ: $variant"; }
done

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
summary() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms (min %d, max %d)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
default_ms=$(median "${times[default]}")
launcher_ms=$(median "${times[launcher]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "plan --all: ${runs} interleaved runs each on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg)), java $(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
default_cpu=$(median "${cpu[default]}")
echo "  default    java -jar $jar:   wall $(summary "${times[default]}"); CPU median ${default_cpu} ms"
for variant in short-run launcher; do
  variant_ms=$(median "${times[$variant]}")
  variant_cpu=$(median "${cpu[$variant]}")
  printf '  %-10s %-29s wall %s, %sx faster than default; CPU median %d ms, %sx less\n' "$variant" \
    "$([ "$variant" = launcher ] && echo ./kura-infra: || echo JDK_JAVA_OPTIONS=...:)" \
    "$(summary "${times[$variant]}")" "$(ratio "$default_ms" "$variant_ms")" "$variant_cpu" \
    "$(ratio "$default_cpu" "$variant_cpu")"
done
echo "  launcher, first run (builds the archive): ${first_launcher_ms} ms"
echo "  output byte-identical (stdout and rendered files): $identical"
if [ "$identical" = yes ] && awk -v a="$default_ms" -v b="$launcher_ms" -v g="$goal_ratio" 'BEGIN { exit !(a / b >= g) }'; then
  echo "  within the goal (launcher >= ${goal_ratio}x faster, same bytes)"
else
  echo "  OUTSIDE the goal (launcher >= ${goal_ratio}x faster, same bytes)"
fi
