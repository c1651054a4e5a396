#!/usr/bin/env bash
# A one-node Slurm cluster in a folder, for tests: munge with a key of its own, slurmctld and
# slurmd on free ports, a generated slurm.conf with this machine's CPUs; nothing in /etc is used
# or changed.
#
#   scripts/slurm/local-cluster.sh start DIR   # prints SLURM_CONF=DIR/slurm.conf when it is up
#   scripts/slurm/local-cluster.sh stop DIR
set -euo pipefail
action=${1:?start or stop} dir=${2:?folder}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'; }

if [[ $action == stop ]]; then
  SLURM_CONF=$dir/slurm.conf scontrol shutdown 2>/dev/null || true
  for pid_file in "$dir/slurmctld.pid" "$dir/slurmd.pid" "$dir/munge/munged.pid"; do
    [[ -f $pid_file ]] || continue
    pid=$(cat "$pid_file")
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; kill "$pid" 2>/dev/null || true; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  exit 0
fi

for tool in munged slurmctld slurmd sinfo sbatch; do
  command -v "$tool" >/dev/null || { echo "local-cluster: $tool missing (scripts/install-deps.sh installs slurm-wlm and munge)" >&2; exit 2; }
done
dir=$(realpath -m "$dir")
mkdir -p "$dir"/{state,spool,log,munge}
chmod 700 "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/seed"
host=$(hostname -s)
user=$(id -un)
cat > "$dir/slurm.conf" <<CONF
ClusterName=vernissage-test
SlurmctldHost=$host
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmUser=$user
SlurmdUser=$user
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
PlugStackConfig=$dir/plugstack.conf
NodeName=$host CPUs=2 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
: > "$dir/plugstack.conf"
export SLURM_CONF=$dir/slurm.conf
slurmctld
slurmd
for _ in $(seq 1 100); do
  if sinfo -h -o %T 2>/dev/null | grep -qx idle; then
    echo "SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "local-cluster: slurm did not come up; its logs:" >&2
cat "$dir"/log/*.log "$dir/munge/munged.log" >&2 || true
"$0" stop "$dir"
exit 1
