#!/usr/bin/env bash
# How fast each service starts and how much memory it holds at rest, with and without its JDK AOT cache, and how
# long the whole `bin/platform up` takes. Every start goes through bin/platform, exactly as a developer's does:
#   1. `bin/platform aot`: the extracted jars and their caches (trained here when missing, timed);
#   2. each service alone, with the cache and without (PLATFORM_AOT_CACHE=0), and with the cache but without Spring
#      AOT's generated context code (PLATFORM_SPRING_AOT=0): seconds from the JVM's start (its /proc start time)
#      until its readiness group answers UP, and its RSS BENCH_RSS_WAIT seconds after the start;
#      Keycloak is replaced by a static file server answering the realm's discovery URL (no service asks Keycloak
#      anything before it is ready), so nothing else starts beside the service;
#   3. the whole `bin/platform up --no-build` (Keycloak and the six services), with and without the caches.
# Writes its section of docs/benchmarks.md. It measures; it asserts nothing.
#
# Knobs: BENCH_RSS_WAIT (60 s), BENCH_SERVICES (all six), BENCH_SKIP_UP=1 (no whole-up runs), PLATFORM_PORT_OFFSET
#        (20000), BENCH_OUTPUT (docs/benchmarks.md), JAVA_OPTS and PLATFORM_FAST_START (bin/platform's defaults; with
#        fast start, the whole `up` is also timed once with the full tiered JIT), JAVA_HOME.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RSS_WAIT="${BENCH_RSS_WAIT:-60}"
read -r -a SERVICES <<<"${BENCH_SERVICES:-gateway auth-service user-org-service chatbot-service audit-service notification-service}"
OUTPUT="${BENCH_OUTPUT:-$ROOT/docs/benchmarks.md}"
DB_NAME=chatbot_saas_bench
QUEUE_PREFIX=bench-startup.

# shellcheck source=lib/common.sh
source "$ROOT/bench/lib/common.sh"
bench_workdir startup-bench
# Every queue the services declared under this run's prefix (events, caches, replies) goes at exit.
startup_cleanup() {
    if command -v rabbitmqctl >/dev/null 2>&1; then
        mapfile -t BENCH_QUEUES < <(rabbitmqctl -q list_queues name 2>/dev/null | grep -F "$QUEUE_PREFIX" || true)
    fi
    bench_cleanup
}
trap startup_cleanup EXIT INT TERM

export PLATFORM_PORT_OFFSET="${PLATFORM_PORT_OFFSET:-20000}"
export DB_NAME EVENTS_QUEUE_PREFIX="$QUEUE_PREFIX" EVENTS_EXCHANGE=bench-startup.platform.events
export NOTIFICATIONS_EXCHANGE=bench-startup.platform.notifications JAVA_HOME
((PLATFORM_PORT_OFFSET != 0 && PLATFORM_PORT_OFFSET != 10000)) ||
    die "PLATFORM_PORT_OFFSET $PLATFORM_PORT_OFFSET is the developers' or the end-to-end tests'; choose another"
PLATFORM="$ROOT/bin/platform"
TICKS="$(getconf CLK_TCK)"
FAST_START="${PLATFORM_FAST_START:-1}"
export PLATFORM_FAST_START="$FAST_START"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

port_of() {
    local -A base=([gateway]=8080 [auth-service]=8081 [user-org-service]=8082 [chatbot-service]=8083
        [audit-service]=8084 [notification-service]=8085)
    printf '%s' $((base[$1] + PLATFORM_PORT_OFFSET))
}
uptime_s() { cut -d' ' -f1 /proc/uptime; }
# Seconds since boot at which the process started (field 22 of /proc/<pid>/stat, after the command name).
started_at() { awk -v t="$TICKS" '{ sub(/.*\) /, ""); printf "%.2f", $20 / t }' "/proc/$1/stat"; }
# Resident MB, and how much of it is file pages (the mapped AOT cache, jars).
rss_mb() { awk '/^VmRSS:/ { t = $2 } /^RssFile:/ { f = $2 } END { printf "%d MB (%d file)", t / 1024, f / 1024 }' "/proc/$1/status"; }
# ready_at PORT PID — waits until the readiness group on PORT answers UP while PID lives; prints the seconds since
# boot when it did (common.sh's wait_ready only waits, once a second).
# One Python process asks every 50 ms: a shell loop starting curl ten times a second took CPU from the JVM it
# timed (0.5-1 s later ready on two cores, docs/benchmarks.md).
ready_at() {
    python3 - "$1" "$2" <<'PY'
import os, sys, time, urllib.request
port, pid = sys.argv[1], int(sys.argv[2])
url = f"http://localhost:{port}/actuator/health/readiness"
while True:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if b'"UP"' in response.read():
                break
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    time.sleep(0.05)
with open("/proc/uptime") as uptime:
    print(uptime.read().split()[0])
PY
}

# A stand-in for Keycloak: `up` waits for the realm's discovery document before it returns.
fake_keycloak() {
    local dir="$WORK/keycloak/realms/chatbot-saas/.well-known" port=$((18980 + PLATFORM_PORT_OFFSET % 1000))
    mkdir -p "$dir"
    printf '{"issuer":"http://localhost:%s/realms/chatbot-saas"}\n' "$port" >"$dir/openid-configuration"
    require_free_ports "$port"
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$WORK/keycloak" >"$WORK/keycloak.log" 2>&1 &
    PIDS+=("$!")
    for _ in $(seq 1 50); do
        curl -sf -o /dev/null "http://localhost:$port/realms/chatbot-saas/.well-known/openid-configuration" && break
        sleep 0.1
    done
    FAKE_KEYCLOAK="http://localhost:$port"
}

# measure_service SERVICE CACHE(0|1) SPRING_AOT(0|1) — prints "seconds-to-ready rss-mb". A cache missing for these
# JVM arguments is trained by `up` before the service starts (not part of the measure).
measure_service() {
    local svc="$1" cache="$2" spring_aot="$3" run="$WORK/run-$1-$2-$3" port pid="" start now
    port="$(port_of "$svc")"
    require_free_ports "$port"
    PLATFORM_RUN_DIR="$run" PLATFORM_SERVICES="$svc" PLATFORM_AOT_CACHE="$cache" PLATFORM_SPRING_AOT="$spring_aot" \
        PLATFORM_KEYCLOAK=external \
        KEYCLOAK_URL="$FAKE_KEYCLOAK" "$PLATFORM" up --no-build >"$run.up.log" 2>&1 &
    local up=$!
    for _ in $(seq 1 600); do
        [[ -s "$run/pids/$svc.pid" ]] && pid="$(tr -dc '0-9' <"$run/pids/$svc.pid")" && [[ -n "$pid" ]] && break
        kill -0 "$up" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n "$pid" ]] || die "$svc did not start (see $run.up.log; BENCH_KEEP=1 keeps it)"
    start="$(started_at "$pid")"
    now="$(ready_at "$port" "$pid")" || die "$svc exited before it was ready (see $run/logs/$svc.log)"
    wait "$up" || die "bin/platform up failed for $svc (see $run.up.log)"
    # At rest: no request but the readiness polls above.
    while awk -v n="$(uptime_s)" -v s="$start" -v w="$RSS_WAIT" 'BEGIN { exit !(n - s < w) }'; do sleep 1; done
    printf '%s %s\n' "$(awk -v a="$now" -v b="$start" 'BEGIN { printf "%.1f", a - b }')" "$(rss_mb "$pid")"
    PLATFORM_RUN_DIR="$run" "$PLATFORM" down >>"$run.up.log" 2>&1
}

# measure_up CACHE(0|1) FAST_START(0|1) — the whole `up` (Keycloak and every service), then `down`; prints wall
# seconds.
measure_up() {
    local cache="$1" fast="$2" run="$WORK/up-$1-$2" t0 t1
    t0="$(uptime_s)"
    PLATFORM_RUN_DIR="$run" PLATFORM_AOT_CACHE="$cache" PLATFORM_FAST_START="$fast" "$PLATFORM" up --no-build \
        >"$run.log" 2>&1 ||
        { PLATFORM_RUN_DIR="$run" "$PLATFORM" down >/dev/null 2>&1; die "bin/platform up failed (see $run.log)"; }
    t1="$(uptime_s)"
    PLATFORM_RUN_DIR="$run" "$PLATFORM" down >>"$run.log" 2>&1
    awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.0f", a - b }'
}

bench_database "$DB_NAME"

say "extracting the jars and training the caches that are missing (bin/platform aot) ..."
t0="$(uptime_s)"
PLATFORM_RUN_DIR="$WORK/aot" "$PLATFORM" aot "${SERVICES[@]}" >"$WORK/aot.out" 2>"$WORK/aot.log" ||
    { cat "$WORK/aot.log" >&2; die "bin/platform aot failed"; }
TRAINED=""
if grep -q '^aot: training' "$WORK/aot.log"; then
    TRAINED="$(awk -v a="$(uptime_s)" -v b="$t0" 'BEGIN { printf "%.0f", a - b }')"
fi
declare -A CACHE_MB=()
while read -r svc _ cache; do
    [[ "$cache" == - ]] && die "$svc has no AOT cache (see $WORK/aot.log)"
    CACHE_MB[$svc]="$(du -m "$cache" | cut -f1)"
done <"$WORK/aot.out"

fake_keycloak
declare -A READY=() RSS=()
for svc in "${SERVICES[@]}"; do
    for mode in 1/1 0/1 1/0; do
        say "$svc alone, cache=${mode%/*} spring-aot=${mode#*/} ..."
        measure_service "$svc" "${mode%/*}" "${mode#*/}" >"$WORK/measured"
        read -r READY["$svc/$mode"] RSS["$svc/$mode"] <"$WORK/measured"
        say "  ready in ${READY[$svc/$mode]} s, RSS ${RSS[$svc/$mode]} after ${RSS_WAIT} s"
    done
done

UP_CACHE="" UP_PLAIN="" UP_C2="" KC_NOTE=""
if [[ "${BENCH_SKIP_UP:-0}" != 1 ]]; then
    if curl -sf -o /dev/null http://localhost:8180/realms/chatbot-saas/.well-known/openid-configuration; then
        KC_NOTE=" A Keycloak was already running on :8180 and was reused, so these times do not include its start."
    fi
    if [[ -z "$KC_NOTE" && ! -f "$ROOT/.run/keycloak/dev/.prepared" ]]; then
        # Keycloak's first start on a machine builds its optimized instance (tens of seconds, once): not an `up`'s.
        say "preparing Keycloak's instance (its first start on this machine; not measured) ..."
        measure_up 1 "$FAST_START" >/dev/null
    fi
    say "whole bin/platform up, with the caches ..."
    UP_CACHE="$(measure_up 1 "$FAST_START")"
    say "  ${UP_CACHE} s"
    say "whole bin/platform up, without ..."
    UP_PLAIN="$(measure_up 0 "$FAST_START")"
    say "  ${UP_PLAIN} s"
    if [[ "$FAST_START" == 1 ]]; then
        say "whole bin/platform up, with the caches and the full tiered JIT (PLATFORM_FAST_START=0; trains its caches first) ..."
        PLATFORM_RUN_DIR="$WORK/aot-c2" PLATFORM_FAST_START=0 "$PLATFORM" aot >/dev/null 2>"$WORK/aot-c2.log" ||
            { cat "$WORK/aot-c2.log" >&2; die "bin/platform aot failed"; }
        UP_C2="$(measure_up 1 0)"
        say "  ${UP_C2} s"
    fi
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report --------------------------------------------------------------------------------------------------------
CPU="$(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
MEM="$(free -g | awk '/^Mem:/ { print $2 " GB" }')"
JDK="$("$JAVA" -version 2>&1 | sed -n 's/.*Runtime Environment \(.*\)/\1/p' | head -n 1)"
SECTION="$WORK/section.md"
{
    printf '<!-- startup:start -->\n## Startup and memory at rest\n\n'
    printf 'Written by `bench/startup.sh` on %s. Re-run it to refresh this section; it measures, it asserts nothing.\n\n' \
        "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf 'Each service started alone by `bin/platform up --no-build` from its extracted jar, JVM options `%s%s`:\n' \
        "${JAVA_OPTS:-$(sed -n 's/^readonly DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$PLATFORM")}" \
        "$([[ "$FAST_START" == 1 ]] && sed -n 's/^readonly FAST_START_OPTS="\(.*\)"$/ \1/p' "$PLATFORM")"
    printf 'seconds from the JVM'"'"'s start to its readiness group (database, broker, Redis) answering UP, and its\n'
    printf 'resident memory %s s after the start, idle (in brackets: how much of it is file pages, mostly the mapped\n' "$RSS_WAIT"
    printf 'cache; the rest is heap, metaspace, code and threads). Every service starts from the context code its\n'
    printf 'build generated (Spring AOT), except in the columns *no Spring AOT* (`PLATFORM_SPRING_AOT=0`: the context\n'
    printf 'worked out by reflection, with a cache trained that way).\n\n'
    printf '| service | ready, AOT cache | ready, no cache | ready, cache, no Spring AOT | RSS, AOT cache | RSS, no cache | RSS, cache, no Spring AOT | cache file |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
    for svc in "${SERVICES[@]}"; do
        printf '| %s | %s s | %s s | %s s | %s | %s | %s | %s MB |\n' "$svc" "${READY[$svc/1/1]}" \
            "${READY[$svc/0/1]}" "${READY[$svc/1/0]}" "${RSS[$svc/1/1]}" "${RSS[$svc/0/1]}" "${RSS[$svc/1/0]}" \
            "${CACHE_MB[$svc]}"
    done
    printf '\n'
    if [[ -n "$UP_CACHE" ]]; then
        printf 'The whole `bin/platform up --no-build` (Keycloak in its optimized mode and the six services, all started\n'
        printf 'at once, until every one is ready): **%s s** with the caches, **%s s** without.%s\n\n' \
            "$UP_CACHE" "$UP_PLAIN" "$KC_NOTE"
        if [[ -n "$UP_C2" ]]; then
            printf 'With the caches and the full tiered JIT of the images (`PLATFORM_FAST_START=0`, C2 compiling while\n'
            printf 'seven JVMs start on these cores): **%s s**.\n\n' "$UP_C2"
        fi
    fi
    if [[ -n "$TRAINED" ]]; then
        printf 'Training the caches of these jars (once per build, all in parallel, by the first `up`): %s s.\n\n' "$TRAINED"
    fi
    printf 'Machine: %s, %s cores, %s; %s. Load average (1, 5, 15 min) %s before the run, %s after' \
        "$CPU" "$(nproc)" "$MEM" "$JDK" "$LOAD_BEFORE" "$LOAD_AFTER"
    if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
        printf ': **the machine was busy with other work (load above the core count), so every time above includes\n'
        printf 'waiting for a core; the ratio between the columns means more than the seconds.**\n'
    else
        printf '.\n'
    fi
    printf '<!-- startup:end -->\n'
} >"$SECTION"
# shellcheck source=lib/report.sh
source "$ROOT/bench/lib/report.sh"
write_section startup "$SECTION" "$OUTPUT"
say "wrote the startup section of $OUTPUT"
