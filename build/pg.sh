# shellcheck shell=bash
# Helpers for a private PostgreSQL cluster, sourced by build/run, build/test and build/bench.
#
#   pg_ensure_installed          find the newest /usr/lib/postgresql/*/bin (install via apt if missing); exports PG_BIN
#   pg_free_port                 print a free TCP port on 127.0.0.1
#   pg_init DATADIR              initdb (superuser "postgres", trust auth, UTF8, locale C, TCP on 127.0.0.1 only)
#   pg_start DATADIR PORT        start the cluster on 127.0.0.1:PORT and wait until it accepts connections, with
#                                shared_buffers = $PG_SHARED_BUFFERS (default 128MB, PostgreSQL's own)
#   pg_machine_buffers           print a shared_buffers size for a cluster that has the machine to itself: a quarter
#                                of its memory, at least 128MB and at most 8GB (PostgreSQL's usual advice)
#   pg_stop DATADIR              stop it (fast, then immediate if needed); no-op when not running
#   pg_reserve_huge_pages DATADIR  before pg_start, when $PG_SHARED_BUFFERS is above the default: reserve the huge pages
#                                the cluster's shared memory needs (root only, PostgreSQL 15+), so that its buffers are
#                                mapped in 2 MB pages; prints what it did
#   pg_release_huge_pages        give back what pg_reserve_huge_pages reserved (after pg_stop)
#   pg_is_running DATADIR        true when the cluster in DATADIR is running
#   pg_port_in_use PORT          true when something listens on 127.0.0.1:PORT
#   pg_create_db PORT NAME       create database NAME unless it exists
#   pg_psql PORT DB ARGS...      psql as superuser "postgres" over TCP
#
# The server never runs as root: when we are root it runs as the unprivileged "postgres" system user.
# The log of a cluster is DATADIR/server.log.

PG_OS_USER="${PG_OS_USER:-postgres}"

pg_log()
{
    echo "[pg] $*" >&2 2>/dev/null || true
}

pg_die()
{
    echo "[pg] ERROR: $*" >&2
    return 1
}

# Run a command as the unprivileged PostgreSQL user (or as ourselves when we are not root).
pg_as_user()
{
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

pg_find_bin()
{
    local dir best="" best_ver=-1 ver
    for dir in /usr/lib/postgresql/*/bin; do
        if [ ! -x "$dir/pg_ctl" ] || [ ! -x "$dir/initdb" ] || [ ! -x "$dir/postgres" ]; then continue; fi
        ver="$(basename "$(dirname "$dir")")"
        ver="${ver%%.*}"
        case "$ver" in
            '' | *[!0-9]*) continue ;;
        esac
        if [ "$ver" -gt "$best_ver" ]; then
            best_ver="$ver"
            best="$dir"
        fi
    done
    [ -n "$best" ] || return 1
    echo "$best"
}

# Installs Debian packages with apt-get, as root or through sudo (build/test uses it for the tools its tests need).
apt_install()
{
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || pg_die "missing package(s) $* and we are not root (no sudo): install them" || return 1
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || pg_die "missing package(s) $* and apt-get is not available: install them" || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null \
        || pg_die "apt-get update failed" || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" </dev/null \
        || pg_die "apt-get install $* failed" || return 1
}

pg_ensure_installed()
{
    local bin
    if ! bin="$(pg_find_bin)"; then
        pg_log "PostgreSQL is not installed; installing it with apt-get (this takes a minute) ..."
        local sudo=()
        [ "$(id -u)" -eq 0 ] || sudo=(sudo)
        # We never use the distribution's default cluster: ask postgresql-common not to create (and start) it.
        "${sudo[@]}" mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" | "${sudo[@]}" tee /etc/postgresql-common/createcluster.d/zz-catalog-no-main-cluster.conf >/dev/null
        apt_install postgresql || return 1
        bin="$(pg_find_bin)" || pg_die "PostgreSQL was installed but no /usr/lib/postgresql/*/bin/pg_ctl was found" || return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        pg_log "creating system user '$PG_OS_USER' to run PostgreSQL (it refuses to run as root)"
        useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER" \
            || pg_die "could not create the system user '$PG_OS_USER'" || return 1
    fi
    PG_BIN="$bin"
    export PG_BIN
}

pg_port_in_use()
{
    local port="$1"
    # A successful connect means that someone listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

pg_free_port()
{
    local port
    if command -v python3 >/dev/null 2>&1; then
        port="$(python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null || true)"
        if [ -n "$port" ] && ! pg_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    fi
    for _ in $(seq 1 200); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! pg_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    pg_die "could not find a free TCP port on 127.0.0.1"
}

# Make every parent directory of $1 traversable by the PostgreSQL user (only needed when we are root).
pg_make_reachable()
{
    local dir dirs=()
    [ "$(id -u)" -eq 0 ] || return 0
    dir="$(cd "$1" && pwd -P)"
    while [ "$dir" != "/" ] && [ -n "$dir" ]; do
        dirs=("$dir" "${dirs[@]}")
        dir="$(dirname "$dir")"
    done
    # From the top down, so that only the directories that block the way are changed.
    for dir in "${dirs[@]}"; do
        if ! runuser -u "$PG_OS_USER" -- test -x "$dir" 2>/dev/null; then
            pg_log "granting others search permission (o+x) on $dir so that the '$PG_OS_USER' user can reach the data directory"
            chmod o+x "$dir" || pg_die "cannot make $dir traversable for '$PG_OS_USER'" || return 1
        fi
    done
}

pg_init()
{
    local datadir="$1"
    [ -n "${PG_BIN:-}" ] || pg_ensure_installed || return 1
    [ -n "$datadir" ] || pg_die "pg_init: data directory missing" || return 1
    mkdir -p "$datadir"
    datadir="$(cd "$datadir" && pwd -P)"
    if [ -f "$datadir/PG_VERSION" ]; then
        pg_die "pg_init: $datadir already holds a cluster" || return 1
    fi
    pg_make_reachable "$(dirname "$datadir")" || return 1
    if [ "$(id -u)" -eq 0 ]; then
        chown "$PG_OS_USER:" "$datadir"
    fi
    chmod 700 "$datadir"
    local out
    if ! out="$(pg_as_user "$PG_BIN/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C --no-instructions 2>&1)"; then
        echo "$out" >&2
        pg_die "initdb failed for $datadir" || return 1
    fi
    # Settings that do not depend on the port. TCP on 127.0.0.1 only, no Unix socket (no path-length or
    # permission trouble, no clash with a system cluster).
    cat >>"$datadir/postgresql.conf" <<'EOF'

# --- catalog private cluster (build/pg.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = on
synchronous_commit = on
max_connections = 200
shared_buffers = 128MB
logging_collector = off
log_min_messages = warning
EOF
}

# With 4 kB pages every backend maps each shared buffer it touches with a page fault of its own; on a virtual
# machine that made gigabytes of buffers slower than 128 MB. In 2 MB pages the mapping costs next to nothing.
PG_HUGE_PAGES_BEFORE=""

pg_machine_buffers()
{
    local kb
    kb="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null)"
    [ -n "$kb" ] || { echo 128MB; return 0; }
    local mb=$((kb / 1024 / 4))
    [ "$mb" -ge 128 ] || mb=128
    [ "$mb" -le 8192 ] || mb=8192
    echo "${mb}MB"
}

pg_reserve_huge_pages()
{
    local datadir="$1" need before
    [ "${PG_SHARED_BUFFERS:-128MB}" != 128MB ] || return 0
    [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/nr_hugepages ] || { pg_log "huge pages: not reserved (needs root)"; return 0; }
    # The size PostgreSQL itself computes from the data directory's settings and these buffers.
    need="$(pg_as_user "$PG_BIN/postgres" -D "$datadir" -C shared_memory_size_in_huge_pages \
        -c shared_buffers="$PG_SHARED_BUFFERS" 2>/dev/null || true)"
    case "$need" in
        '' | *[!0-9]* | 0) pg_log "huge pages: not reserved (this PostgreSQL cannot say how many it needs)"; return 0 ;;
    esac
    before="$(cat /proc/sys/vm/nr_hugepages)"
    echo $((before + need)) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
    PG_HUGE_PAGES_BEFORE="$before"
    pg_log "huge pages: $(($(cat /proc/sys/vm/nr_hugepages) - before)) of the $need the cluster needs reserved (2 MB each)"
}

pg_release_huge_pages()
{
    [ -n "$PG_HUGE_PAGES_BEFORE" ] || return 0
    echo "$PG_HUGE_PAGES_BEFORE" >/proc/sys/vm/nr_hugepages 2>/dev/null || pg_log "warning: could not give back the huge pages"
    PG_HUGE_PAGES_BEFORE=""
}

pg_is_running()
{
    local datadir="$1"
    [ -f "$datadir/postmaster.pid" ] || return 1
    pg_as_user "$PG_BIN/pg_ctl" -D "$datadir" status >/dev/null 2>&1
}

pg_start()
{
    local datadir="$1" port="$2"
    [ -n "${PG_BIN:-}" ] || pg_ensure_installed || return 1
    [ -n "$datadir" ] && [ -n "$port" ] || pg_die "usage: pg_start DATADIR PORT" || return 1
    datadir="$(cd "$datadir" && pwd -P)"
    [ -f "$datadir/PG_VERSION" ] || pg_die "pg_start: $datadir is not a PostgreSQL data directory (run pg_init first)" || return 1
    pg_make_reachable "$(dirname "$datadir")" || return 1
    local log="$datadir/server.log"
    if ! pg_as_user "$PG_BIN/pg_ctl" -D "$datadir" -l "$log" -w -t 90 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200 -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}" \
        start >/dev/null; then
        echo "[pg] ---- last lines of $log ----" >&2
        tail -n 30 "$log" >&2 2>/dev/null || true
        echo "[pg] ----" >&2
        pg_die "PostgreSQL did not start (data directory $datadir, port $port)" || return 1
    fi
    for _ in $(seq 1 120); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2; then
            return 0
        fi
        sleep 0.5
    done
    echo "[pg] ---- last lines of $log ----" >&2
    tail -n 30 "$log" >&2 2>/dev/null || true
    echo "[pg] ----" >&2
    pg_die "PostgreSQL started but does not accept connections on 127.0.0.1:$port"
}

pg_stop()
{
    local datadir="$1"
    [ -n "$datadir" ] && [ -f "$datadir/postmaster.pid" ] || return 0
    [ -n "${PG_BIN:-}" ] || PG_BIN="$(pg_find_bin)" || return 0
    local pid
    pid="$(head -n 1 "$datadir/postmaster.pid" 2>/dev/null || true)"
    if pg_as_user "$PG_BIN/pg_ctl" -D "$datadir" -m fast -w -t 60 stop >/dev/null 2>&1; then
        pg_wait_gone "$pid"
        return 0
    fi
    if pg_is_running "$datadir"; then
        pg_log "fast shutdown of $datadir failed; trying immediate shutdown"
        pg_as_user "$PG_BIN/pg_ctl" -D "$datadir" -m immediate -w -t 30 stop >/dev/null 2>&1 && pg_wait_gone "$pid" && return 0
        pg_die "could not stop the PostgreSQL cluster in $datadir"
        return 1
    fi
    return 0
}

# Wait (up to 10 s) until process $1 has exited (a zombie counts as exited).
pg_wait_gone()
{
    local pid="$1" state
    case "$pid" in
        '' | *[!0-9]*) return 0 ;;
    esac
    for _ in $(seq 1 100); do
        [ -r "/proc/$pid/stat" ] || return 0
        state="$(sed 's/^.*) \(.\).*$/\1/' "/proc/$pid/stat" 2>/dev/null || true)"
        [ "$state" != "Z" ] && [ -n "$state" ] || return 0
        sleep 0.1
    done
}

pg_psql()
{
    local port="$1" db="$2"
    shift 2
    PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

pg_create_db()
{
    local port="$1" name="$2" exists
    [ -n "${PG_BIN:-}" ] || pg_ensure_installed || return 1
    case "$name" in
        '' | *[!a-zA-Z0-9_]*) pg_die "pg_create_db: invalid database name '$name' (letters, digits, _)" || return 1 ;;
    esac
    exists="$(pg_psql "$port" postgres -tA -c "select 1 from pg_database where datname = '$name'")" \
        || pg_die "cannot connect to PostgreSQL on 127.0.0.1:$port" || return 1
    if [ "$exists" != "1" ]; then
        pg_psql "$port" postgres -c "create database \"$name\"" >/dev/null \
            || pg_die "could not create database $name" || return 1
    fi
}
