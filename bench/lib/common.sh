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
    stop_pids "${PIDS[@]+"${PIDS[@]}"}"
    if command -v rabbitmqctl >/dev/null 2>&1; then
        for queue in "${BENCH_QUEUES[@]+"${BENCH_QUEUES[@]}"}"; do
            rabbitmqctl -q delete_queue "$queue" >/dev/null 2>&1 || true
        done
    fi
    [[ "${BENCH_KEEP:-0}" == 1 ]] && say "kept $WORK" || rm -rf "$WORK"
}

# cpu_ticks PID... — the CPU time (clock ticks, user and system) the processes have spent so far, summed; a process
# that is gone counts 0.
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# stop_pids PID... — asks each process to stop, waits up to 20 s for each, then kills what is left.
stop_pids() {
    local pid
    (($# > 0)) || return 0
    kill "$@" 2>/dev/null || true
    for pid in "$@"; do
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$pid" 2>/dev/null || true
    done
}

# wait_ready NAME URL LOG — until URL answers 200 (3 minutes at most; then the log's tail and exit).
wait_ready() {
    local name="$1" url="$2" log="$3"
    for _ in $(seq 1 180); do
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]]; then
            say "$name ready"
            return 0
        fi
        sleep 1
    done
    tail -40 "$log" >&2
    die "$name not ready"
}

# otel_agent — the OpenTelemetry Java agent that `bin/platform up --otel` attaches (OTEL_JAVAAGENT, else the one the
# build fetches into .run/otel/, fetched now when missing).
otel_agent() {
    local agent="${OTEL_JAVAAGENT:-$ROOT/.run/otel/opentelemetry-javaagent.jar}"
    if [[ ! -f "$agent" ]]; then
        say "fetching the OpenTelemetry Java agent"
        (cd "$ROOT" && ./mvnw -q -B -pl platform-starter -am -Dspotless.check.skip=true generate-resources </dev/null) >&2 ||
            die "fetching the OpenTelemetry Java agent failed"
    fi
    printf '%s\n' "$agent"
}

# async_profiler — the path of async-profiler's agent library for this machine (tools.profiler:async-profiler from
# Maven Central, fetched into .run/async-profiler/ when missing). It samples CPU with the kernel's perf events, so its
# flame graphs show what JFR cannot: JIT-compiled and native frames, the kernel's system calls, GC and the compiler.
ASYNC_PROFILER_VERSION="${ASYNC_PROFILER_VERSION:-4.2}"
async_profiler() {
    local dir="$ROOT/.run/async-profiler/$ASYNC_PROFILER_VERSION" arch
    case "$(uname -m)" in
    x86_64) arch=linux-x64 ;;
    aarch64) arch=linux-arm64 ;;
    *) die "async-profiler: no library for $(uname -m)" ;;
    esac
    if [[ ! -f "$dir/$arch/libasyncProfiler.so" ]]; then
        say "fetching async-profiler $ASYNC_PROFILER_VERSION"
        mkdir -p "$dir"
        (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" \
            -DoutputDirectory="$dir" </dev/null) >&2 || die "fetching async-profiler failed"
        (cd "$dir" && unzip -q -o "async-profiler-$ASYNC_PROFILER_VERSION.jar" "$arch/*") || die "unpacking async-profiler failed"
    fi
    printf '%s\n' "$dir/$arch/libasyncProfiler.so"
}

# flame_start PID... / flame_stop FILE PID — CPU sampling in running JVMs, then one JVM's flame graph (HTML, opens in
# any browser) into FILE. The agent is loaded through jcmd; its options are quoted so that jcmd passes them on whole
# instead of reading "event=cpu" as an option of its own.
flame_start() {
    local lib pid
    lib="$(async_profiler)"
    for pid in "$@"; do
        "$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms"' >/dev/null ||
            die "async-profiler did not start in $pid"
    done
}
flame_stop() {
    local file="$1" pid="$2"
    "$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$(async_profiler)" "\"stop,file=$file,title=$(basename "$file" .html)\"" \
        >/dev/null || die "async-profiler did not stop in $pid"
    [[ -s "$file" ]] || die "async-profiler wrote no flame graph to $file"
}

# What `bin/platform up --otel` gives the gateway besides the agent: no Reactor instrumentation, the gateway carries
# the trace to the services itself (docs/gateway.md, "Tracing"). Used by the scripts that start a gateway with it.
# shellcheck disable=SC2034 # used by the scripts that source this file
OTEL_GATEWAY_ENV=(OTEL_INSTRUMENTATION_REACTOR_ENABLED="${OTEL_INSTRUMENTATION_REACTOR_ENABLED:-false}")

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
