#!/usr/bin/env bash
# ctest slurm_sharded_build: a real one-node Slurm (scripts/slurm/local-cluster.sh) runs
# scripts/slurm/build.sbatch as a job array of 4 shards and the dependent assembly; the site it
# makes must be byte for byte the one a single `vernissage build` makes of the same photos.
#
#   tests/slurm/slurm_test.sh VERNISSAGE PHOTOS WORK_DIR SOURCE_DIR
set -euo pipefail
vernissage=$(realpath "$1") photos=$(realpath "$2") work=$3 source_dir=$(realpath "$4")
rm -rf "$work"
mkdir -p "$work"
work=$(realpath "$work")
cluster=$work/cluster
unset SLURM_CONF
trap '"$source_dir/scripts/slurm/local-cluster.sh" stop "$cluster"' EXIT
export "$("$source_dir/scripts/slurm/local-cluster.sh" start "$cluster")"

flags=(--sizes 320,640 --formats webp,jpeg)
"$vernissage" build "$photos" -o "$work/single" --catalogue "$work/single.db" -q "${flags[@]}" >/dev/null

cd "$work"
array=$(VERNISSAGE=$vernissage sbatch --parsable --array=0-3 \
  "$source_dir/scripts/slurm/build.sbatch" "$photos" "$work/site" "$work/shared.db" "${flags[@]}")
echo "submitted job array $array"
# Done when the assembly was submitted and the queue is empty again.
for _ in $(seq 1 1200); do
  if [[ -s vernissage-assemble.jobid && -z $(squeue -h) ]]; then break; fi
  sleep 0.25
done
if [[ -n $(squeue -h) ]]; then
  echo "FAIL: jobs still queued after 5 minutes:" >&2
  squeue >&2
  exit 1
fi
for log in vernissage-build-*.log vernissage-assemble-*.log; do
  echo "== $log"
  cat "$log"
done
shards=$(ls vernissage-build-"${array}"_*.log | wc -l)
if [[ $shards != 4 ]]; then
  echo "FAIL: $shards shard logs, not 4" >&2
  exit 1
fi
if ! grep -q "left to the other shards" vernissage-build-"${array}"_*.log; then
  echo "FAIL: the tasks did not build as shards" >&2
  exit 1
fi
if [[ ! -f $work/site/index.html ]]; then
  echo "FAIL: no assembled site" >&2
  exit 1
fi
if ! diff -r "$work/single" "$work/site"; then
  echo "FAIL: the sharded site differs from a single build's" >&2
  exit 1
fi
echo "PASS: 4 shards on Slurm and the assembly made the single build's site, byte for byte"
