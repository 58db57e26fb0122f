#!/usr/bin/env bash
# Measurement for the Pulumi Java SDK's maintainers (docs/benchmark.md, "SDK debug strings"): the share of the
# program's CPU samples that the SDK spends formatting, and sending as engine logs, the debug messages of every
# resource registration, which nobody reads unless debug logging is on. It records JFR execution samples every 1 ms
# for `plan --all` and for synthetic one-stack programs of N storage buckets under the SDK's own mocks, and reads
# them with bench/SdkDebugStrings.java. A measurement to run by hand, never a test; shares, not times, are the result.
#   SIZES="1000 2000" bench/sdk-debug-strings.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="${SIZES:-1000 2000}"
jar=target/kura-infra.jar
if [ ! -f "$jar" ]; then
  mvn -B -q package -DskipTests
fi
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
mkdir -p "$workdir/project/bootstrap"
cp Pulumi.yaml Pulumi.*.yaml "$workdir/project"/
cp bootstrap/Pulumi.yaml bootstrap/Pulumi.*.yaml "$workdir/project/bootstrap"/

# JDK 17's "profile" settings, with a sample every 1 ms instead of every 10 ms: enough samples for a run of seconds.
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
sed 's#<setting name="period" control="method-sampling-java-interval">[^<]*</setting>#<setting name="period">1 ms</setting>#' \
  "$java_home/lib/jfr/profile.jfc" > "$workdir/samples.jfc"
record() { echo "-XX:StartFlightRecording=filename=$workdir/$1.jfr,settings=$workdir/samples.jfc"; }
short_run="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# shellcheck disable=SC2086 # the option list is meant to split into words
java $short_run "$(record plan-all)" -jar "$jar" plan --all --project-dir "$workdir/project" > /dev/null 2>&1
java -cp "$jar" bench/SdkDebugStrings.java analyze "$workdir/plan-all.jfr"
for size in $sizes; do
  # shellcheck disable=SC2086
  java $short_run "$(record "synthetic-$size")" -cp "$jar" bench/SdkDebugStrings.java synthetic "$size" 2>/dev/null \
    | grep -v '^\[' || true
  java -cp "$jar" bench/SdkDebugStrings.java analyze "$workdir/synthetic-$size.jfr"
done
