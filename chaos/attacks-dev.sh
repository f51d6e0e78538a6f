#!/usr/bin/env bash
# Throwaway PostgreSQL + the Release catalog for developing Catalog.Attacks, and a run of the attacks against them.
#
#   chaos/attacks-dev.sh [--requests N] [--seed S]   build, start both, run the attacks, stop both whatever happens
#
# Everything lives in a temporary folder that is deleted at the end; the catalog's log is copied to
# chaos/.attacks-dev/catalog.log and the tokens the attacks used to chaos/.attacks-dev/secrets.txt so a run can be
# checked for leaked tokens afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd -P)"
# shellcheck source=../build/pg.sh
. "$here/build/pg.sh"

requests=2000
seed=1
while [ $# -gt 0 ]; do
    case "$1" in
        --requests) requests="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

pg_ensure_installed
tmp="$(mktemp -d /tmp/catalog-attacks.XXXXXX)"
chmod 755 "$tmp"
out="$here/chaos/.attacks-dev"
mkdir -p "$out"
api_pid=""
cleanup()
{
    if [ -n "$api_pid" ]; then
        kill -TERM "$api_pid" 2>/dev/null || true
        wait "$api_pid" 2>/dev/null || true
    fi
    pg_stop "$tmp/pg" || true
    cp "$tmp/catalog.log" "$out/catalog.log" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

pg_port="$(pg_free_port)"
pg_init "$tmp/pg"
pg_start "$tmp/pg" "$pg_port"
pg_create_db "$pg_port" catalog
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=catalog"

dotnet build "$here/Catalog.Api" -c Release -v q -nologo >/dev/null
dotnet build "$here/chaos/Catalog.Attacks" -c Release -v q -nologo >/dev/null

api_port="$(pg_free_port)"
admin_key="admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
agent_key="agent-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$tmp/storage"
CATALOG_DB="$db" CATALOG_ADMIN_KEYS="$admin_key" CATALOG_AGENT_KEYS="$agent_key" CATALOG_STORAGE_ROOT="$tmp/storage" \
    dotnet "$here/Catalog.Api/bin/Release/net10.0/Catalog.Api.dll" --urls "http://127.0.0.1:$api_port" \
    --contentRoot "$here/Catalog.Api" >"$tmp/catalog.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$api_port/health" >/dev/null 2>&1; then break; fi
    sleep 0.2
done

status=0
export CATALOG_STORAGE_ROOT="$tmp/storage"   # the attacks put files in the index targets' archive folders
dotnet "$here/chaos/Catalog.Attacks/bin/Release/net10.0/Catalog.Attacks.dll" --url "http://127.0.0.1:$api_port" \
    --admin-key "$admin_key" --agent-key "$agent_key" --db "$db" --requests "$requests" --seed "$seed" \
    --secrets-out "$out/secrets.txt" || status=$?
leaked=0
while IFS= read -r token; do
    [ -n "$token" ] || continue
    if grep -qF -- "$token" "$tmp/catalog.log"; then
        echo "token leaked into the catalog's log: $token" >&2
        leaked=$((leaked + 1))
    fi
done <"$out/secrets.txt"
echo "tokens in the catalog's log: $leaked"
[ "$leaked" -eq 0 ] || status=1
exit "$status"
