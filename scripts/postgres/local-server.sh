#!/usr/bin/env bash
# A PostgreSQL 15 server of its own for tests and benchmarks, from Debian's postgresql-15: a new
# cluster (initdb) in a temporary folder, listening on a free port of 127.0.0.1 and a socket in
# that folder, trust authentication for the one user "vernissage"; nothing in /etc, and the
# machine's own cluster, if any, is left alone.
#
#   scripts/postgres/local-server.sh start DIR   # writes DIR/url (postgresql://vernissage@…/postgres)
#   scripts/postgres/local-server.sh stop DIR    # stops it and deletes its data
#
# PostgreSQL refuses to run as root: under root the server runs as the "postgres" user (which
# the package creates), its data in a folder that user owns.
set -euo pipefail
action=${1:?start or stop} dir=${2:?folder}
dir=$(realpath -m "$dir")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[[ -x $bin/pg_ctl ]] || { echo "local-server: PostgreSQL missing (scripts/install-deps.sh installs postgresql-15)" >&2; exit 2; }

as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  owner=postgres
  id "$owner" >/dev/null 2>&1 || owner=nobody
  as_owner=(runuser -u "$owner" --)
fi

if [[ $action == stop ]]; then
  [[ -f $dir/data-folder ]] || exit 0
  data=$(cat "$dir/data-folder")
  "${as_owner[@]}" "$bin/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$data" "$dir/data-folder" "$dir/url"
  exit 0
fi

mkdir -p "$dir"
"$0" stop "$dir"  # a server left by an interrupted run
data=$(mktemp -d /tmp/vernissage-postgres.XXXXXX)
echo "$data" > "$dir/data-folder"
if ((${#as_owner[@]})); then chown "$owner" "$data"; fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_owner[@]}" "$bin/initdb" -D "$data/cluster" -U vernissage --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$data/initdb.log" 2>&1 || { cat "$data/initdb.log" >&2; exit 1; }
# Small and quick: the tests create a database each and write little; durability is not their
# subject.
"${as_owner[@]}" "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$data/server.log" >&2; exit 1; }
echo "postgresql://vernissage@127.0.0.1:$port/postgres" > "$dir/url"
cat "$dir/url"
