# Sourced by the bench scripts: the JDK, messages, a work directory whose processes and broker queues are cleaned
# up on exit, free ports, and the bench database. Needs ROOT set to the repository root.

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="$JAVA_HOME/bin/java"

say() { printf '[bench] %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# bench_workdir NAME — creates WORK; processes whose pids are added to PIDS and queues named in BENCH_QUEUES are
# stopped and deleted on exit (BENCH_KEEP=1 keeps WORK).
PIDS=()
BENCH_QUEUES=()
bench_workdir() {
    WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
    trap bench_cleanup EXIT INT TERM
}
bench_cleanup() {
    local pid queue
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$pid" 2>/dev/null || true
    done
    if command -v rabbitmqctl >/dev/null 2>&1; then
        for queue in "${BENCH_QUEUES[@]+"${BENCH_QUEUES[@]}"}"; do
            rabbitmqctl -q delete_queue "$queue" >/dev/null 2>&1 || true
        done
    fi
    [[ "${BENCH_KEEP:-0}" == 1 ]] && say "kept $WORK" || rm -rf "$WORK"
}

require_free_ports() {
    local port
    for port in "$@"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            die "port $port is in use; choose other ports with BENCH_PORT_BASE"
        fi
    done
}

psql_admin() { env PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h localhost -U postgres "$@"; }

# bench_database NAME — creates the database if missing and gives it the services' schemas and roles.
bench_database() {
    if [[ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" != 1 ]]; then
        psql_admin -d postgres -c "CREATE DATABASE $1" >/dev/null
    fi
    psql_admin -d "$1" -f "$ROOT/infra/postgres/01-schemas.sql" >/dev/null
}
