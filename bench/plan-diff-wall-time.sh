#!/usr/bin/env bash
# Benchmark: wall time of `plan --diff` over every stack, this checkout's jar against the jar of a base commit (the
# review as it was before; default: main), both against the same change: a git repository holding each side's own
# committed plans on its main branch and, on a branch, the staging cache tier BASIC -> STANDARD_HA re-rendered by that
# side's jar (each jar reads the stack files of its own commit, so a base before a new setting still renders). Goal (issue 20): at
# most 1.5x the base's wall time. A measurement to run by hand, never a test.
#   RUNS=5 BASE=main bench/plan-diff-wall-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-5}"
base="${BASE:-main}"
goal_ratio=1.5
workdir="$(mktemp -d)"
trap 'git worktree remove --force "$workdir/base-src" >/dev/null 2>&1 || true; rm -rf "$workdir"' EXIT

[ -f target/kura-infra.jar ] || mvn -B -q -o package -DskipTests
git worktree add --detach "$workdir/base-src" "$base" >/dev/null
(cd "$workdir/base-src" && mvn -B -q -o package -DskipTests)

review_repo() {
  local jar="$1" dir="$2" source="$3"
  mkdir -p "$dir"
  git -C "$source" archive HEAD | tar -x -C "$dir"
  (cd "$dir" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm base \
    && git checkout -q -b change \
    && sed -i 's/^  kura-infra:cache:$/  kura-infra:cache:\n    tier: STANDARD_HA/' Pulumi.staging.yaml \
    &&     java -jar "$jar" plan --all >/dev/null && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm change)
}

review_repo "$PWD/target/kura-infra.jar" "$workdir/head" "$PWD"
review_repo "$workdir/base-src/target/kura-infra.jar" "$workdir/base" "$workdir/base-src"

time_diff() {
  local jar="$1" dir="$2" start end
  start=$(date +%s%N)
  (cd "$dir" && java -jar "$jar" plan --diff --base main >/dev/null 2>&1 || true)
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

head_total=0; base_total=0
for run in $(seq "$runs"); do
  b=$(time_diff "$workdir/base-src/target/kura-infra.jar" "$workdir/base")
  h=$(time_diff "$PWD/target/kura-infra.jar" "$workdir/head")
  echo "run $run: base ${b} ms, this ${h} ms"
  base_total=$((base_total + b)); head_total=$((head_total + h))
done
ratio=$(awk -v h="$head_total" -v b="$base_total" 'BEGIN { printf "%.2f", h / b }')
echo "mean: base $((base_total / runs)) ms, this $((head_total / runs)) ms, ratio ${ratio} (goal <= ${goal_ratio})"
awk -v r="$ratio" -v g="$goal_ratio" 'BEGIN { exit !(r <= g) }'
