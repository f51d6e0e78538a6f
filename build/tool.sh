#!/usr/bin/env bash
# Helpers shared by build/run, build/test, build/bench and build/chaos (sourced after build/pg.sh; each script
# defines its own log()).
#   find_dotnet                    sets DOTNET to the .NET SDK's dotnet, or exits naming what to install
#   stop_pid PID WHAT              stops a process we started (by its PID only), politely first
#   stop_catalog_left_behind DIR   stops the catalog whose PID a tool left in DIR/work/catalog.pid, if it still runs
#   start_throwaway_cluster DIR    starts the cluster pg_init made in DIR on a free port (three tries); sets PG_PORT
#                                  and PG_STARTED (1 once a start was tried, so the caller's cleanup stops it)
#   random_hex                     48 random hex digits (keys)
#   publish_catalog                publishes Catalog.Api (Release) compiled ahead of time (ReadyToRun) to CATALOG_PUBLISHED;
#                                  start-up then compiles little: 1.3 s to the first answer instead of 1.7 s here

find_dotnet()
{
    DOTNET="$(command -v dotnet || true)"
    local candidate
    for candidate in "${DOTNET_ROOT:-}/dotnet" "$HOME/.dotnet/dotnet" /usr/share/dotnet/dotnet /usr/lib/dotnet/dotnet; do
        [ -n "$DOTNET" ] && break
        [ -x "$candidate" ] && DOTNET="$candidate"
    done
    if [ -z "$DOTNET" ]; then
        log "ERROR: the .NET SDK (dotnet) was not found on PATH; install the .NET 10 SDK"
        exit 1
    fi
}

stop_pid()
{
    local pid="$1" what="$2"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    log "stopping $what (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    # Waits for the process to end (it need not be our child), 15 s at most.
    timeout 15 tail -s 0.1 --pid="$pid" -f /dev/null 2>/dev/null && return 0
    kill -KILL "$pid" 2>/dev/null || true
}

# The tools stop the catalog themselves; if one died first, the PID it left behind tells us what to stop.
stop_catalog_left_behind()
{
    local pid_file="$1/work/catalog.pid" pid
    [ -n "$1" ] && [ -s "$pid_file" ] || return 0
    pid="$(tr -dc '0-9' <"$pid_file")"
    if [ -n "$pid" ] && grep -qa 'Catalog.Api.dll' "/proc/$pid/cmdline" 2>/dev/null; then
        stop_pid "$pid" "the catalog"
    fi
}

start_throwaway_cluster()
{
    local datadir="$1" attempt
    for attempt in 1 2 3; do
        PG_PORT="$(pg_free_port)"
        PG_STARTED=1
        if pg_start "$datadir" "$PG_PORT"; then
            log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PG_PORT (data in $datadir)"
            return 0
        fi
        PG_STARTED=0
        pg_stop "$datadir" || true
        log "retrying with another port"
    done
    log "ERROR: could not start the throwaway PostgreSQL cluster"
    exit 1
}

random_hex()
{
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 24
    else
        od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
        echo
    fi
}

CATALOG_PUBLISHED="Catalog.Api/bin/publish"
CATALOG_DLL="$CATALOG_PUBLISHED/Catalog.Api.dll"

publish_catalog()
{
    local rid=""
    case "$(uname -m)" in
        x86_64) rid=linux-x64 ;;
        aarch64 | arm64) rid=linux-arm64 ;;
    esac
    if [ -n "$rid" ]; then
        "$DOTNET" publish Catalog.Api/Catalog.Api.csproj -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
            -o "$CATALOG_PUBLISHED" -nologo -v quiet </dev/null
    else
        # No ahead-of-time compiler for this machine: the plain build, compiled at start-up.
        "$DOTNET" publish Catalog.Api/Catalog.Api.csproj -c Release -o "$CATALOG_PUBLISHED" -nologo -v quiet </dev/null
    fi
}
