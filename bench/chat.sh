#!/usr/bin/env bash
# Chat messages with the knowledge engine, POST -> reply, at a steady rate, measured side by side in one run:
#   (a) direct:  wrk -> chatbot-service
#   (b) gateway: wrk -> gateway (JWT + Redis rate limit + circuit breaker) -> chatbot-service
# Each request is POST .../conversations/{c}/messages with `Prefer: wait=5`: its latency is the time from the POST to
# the reply (stored, queued on RabbitMQ, answered by a worker from PostgreSQL full-text search, written, and relayed
# back). The permission answer of user-org-service comes from a static file served by nginx (an enterprise plan with
# no quota), so only chatbot-service, the gateway and the infrastructure are measured.
# Writes its section of docs/benchmarks.md (between the chat markers). It measures; it asserts nothing.
#
# Knobs: BENCH_RATE (100 msg/s), BENCH_DURATION (30s), BENCH_WARMUP (45s), BENCH_PORT_BASE (19580),
#        BENCH_JAVA_OPTS, BENCH_BUILD=1 (rebuild the jars), BENCH_OUTPUT (docs/benchmarks.md), JAVA_HOME,
#        BENCH_OTEL (1: then both JVMs again with the OpenTelemetry Java agent, as `bin/platform up --otel` starts
#        them, every request traced and exported over OTLP to a local sink; 0 skips it), BENCH_PROFILE=1 (then a
#        JFR-recorded run of chatbot-service, CPU by layer into BENCH_PROFILES, docs/profiles/; BENCH_KEEP_JFR=dir).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${BENCH_RATE:-100}"
DURATION="${BENCH_DURATION:-30s}"
WARMUP="${BENCH_WARMUP:-45s}"
BASE="${BENCH_PORT_BASE:-19580}"
GATEWAY_PORT=$BASE
SERVICE_PORT=$((BASE + 3))
NGINX_PORT=$((BASE + 11))
OTLP_PORT=$((BASE + 12))
OTEL="${BENCH_OTEL:-1}"
OUTPUT="${BENCH_OUTPUT:-$ROOT/docs/benchmarks.md}"
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC}"
DB_NAME=chatbot_saas_bench
EXCHANGE=bench.platform.events
QUEUE_PREFIX=bench.
ORG=019a8f2e-7c2d-7000-8000-00000000be01
CONNECTIONS=10

# shellcheck source=lib/common.sh
source "$ROOT/bench/lib/common.sh"
bench_workdir chat-bench
for queue in chatbot-service.events chatbot-service.events.dlq chatbot-service.replies chatbot-service.replies.retry \
    chatbot-service.replies.dlq chatbot-service.permission-cache chatbot-service.permission-cache.dlq; do
    BENCH_QUEUES+=("${QUEUE_PREFIX}$queue")
done

for tool in wrk curl unzip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx is needed (apt-get install nginx)"
require_free_ports "$GATEWAY_PORT" "$SERVICE_PORT" "$NGINX_PORT" "$OTLP_PORT"

GATEWAY_JAR="$ROOT/gateway/target/gateway-0.1.0-SNAPSHOT.jar"
SERVICE_JAR="$ROOT/chatbot-service/target/chatbot-service-0.1.0-SNAPSHOT.jar"
if [[ "${BENCH_BUILD:-0}" == 1 || ! -f "$GATEWAY_JAR" || ! -f "$SERVICE_JAR" ]]; then
    say "building the gateway and chatbot-service"
    (cd "$ROOT" && ./mvnw -q -pl gateway,chatbot-service -am package -DskipTests) || die "build failed"
fi

bench_database "$DB_NAME"

ISSUER="http://127.0.0.1:$NGINX_PORT/realms/bench"
"$JAVA" "$ROOT/bench/BenchTokens.java" "$WORK" "$ISSUER"
TOKEN="$(cat "$WORK/token")"
cat >"$WORK/access.json" <<EOF
{"success":true,"message":"Access retrieved","data":{"organization_id":"$ORG","user_id":"bench-user","role":"owner",
"permissions":["chatbots.read","chatbots.write","chatbots.delete","knowledge.write","conversations.read","conversations.write"],
"organization_status":"active","plan":"enterprise","limits":{"monthly_messages":-1,"chatbots":-1}}}
EOF

mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = /certs { default_type application/json; alias $WORK/jwks.json; }
        location ~ ^/internal/v1/organizations/[^/]+/access\$ { default_type application/json; alias $WORK/access.json; }
    }
    server {
        # The OTLP/HTTP collector of the OpenTelemetry runs: accepts every export and keeps nothing.
        listen 127.0.0.1:$OTLP_PORT;
        location / { return 200; }
    }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off; user root;' &
PIDS+=($!)

read -r -a JAVA_ARGS <<<"$JAVA_OPTS_BENCH"
common_env=(
    JWT_ISSUER_URI="$ISSUER" JWT_JWK_SET_URI="http://127.0.0.1:$NGINX_PORT/certs" KEYCLOAK_URL="http://127.0.0.1:1"
    EVENTS_EXCHANGE="$EXCHANGE" NOTIFICATIONS_EXCHANGE=bench.platform.notifications EVENTS_QUEUE_PREFIX="$QUEUE_PREFIX"
    LOG_FORMAT=ecs
    # Required by the services (no development default); nothing here asks Keycloak for a service token.
    SERVICE_CLIENT_SECRET=bench-not-used CHATBOT_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
)
# start_jvms [java args...]: chatbot-service and the gateway, with these extra JVM arguments (and EXTRA_ENV; GATEWAY_ENV
# for the gateway only).
EXTRA_ENV=() GATEWAY_ENV=()
start_jvms() {
    env "${common_env[@]}" "${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"}" OTEL_SERVICE_NAME=chatbot-service \
        SERVER_PORT=$SERVICE_PORT DB_URL="jdbc:postgresql://localhost:5432/$DB_NAME" \
        USER_ORG_SERVICE_URL="http://127.0.0.1:$NGINX_PORT" \
        "$JAVA" "${JAVA_ARGS[@]}" "$@" -jar "$SERVICE_JAR" >>"$WORK/chatbot-service.log" 2>&1 &
    SERVICE_PID=$!
    PIDS+=("$SERVICE_PID")
    env "${common_env[@]}" "${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"}" "${GATEWAY_ENV[@]+"${GATEWAY_ENV[@]}"}" \
        OTEL_SERVICE_NAME=gateway SERVER_PORT="$GATEWAY_PORT" CHATBOT_SERVICE_URL="http://127.0.0.1:$SERVICE_PORT" USER_ORG_SERVICE_URL=http://127.0.0.1:1 \
        AUTH_SERVICE_URL=http://127.0.0.1:1 AUDIT_SERVICE_URL=http://127.0.0.1:1 NOTIFICATION_SERVICE_URL=http://127.0.0.1:1 \
        RATE_LIMIT_API_CAPACITY=1000000000 RATE_LIMIT_API_REFILL_PER_SECOND=1000000000 \
        "$JAVA" "${JAVA_ARGS[@]}" "$@" -jar "$GATEWAY_JAR" >>"$WORK/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    PIDS+=("$GATEWAY_PID")
}
stop_jvms() { stop_pids "$GATEWAY_PID" "$SERVICE_PID"; }
start_jvms

wait_both() {
    wait_ready chatbot-service "http://127.0.0.1:$SERVICE_PORT/actuator/health/readiness" "$WORK/chatbot-service.log"
    wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness" "$WORK/gateway.log"
}
wait_both

# In a deployment audit-service's queue takes every event; here a queue that keeps only the newest does, so that the
# outbox relay finds its events routed (unroutable ones stay in the outbox and are retried, as they should be).
SINK_QUEUE="${QUEUE_PREFIX}events-sink"
BENCH_QUEUES+=("$SINK_QUEUE")
mkdir -p "$WORK/lib"
unzip -q -j -o "$SERVICE_JAR" 'BOOT-INF/lib/amqp-client-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' \
    'BOOT-INF/lib/netty-*.jar' -d "$WORK/lib"
"$JAVA" -cp "$WORK/lib/*" "$ROOT/bench/EventsSink.java" 127.0.0.1 5672 "$EXCHANGE" "$SINK_QUEUE" \
    || die "could not bind the events sink"

api() { # method path [body] -> body
    curl -sf -X "$1" "http://127.0.0.1:$SERVICE_PORT$2" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' ${3:+-d "$3"}
}
id_of() { sed 's/.*"data":{"id":"\([^"]*\)".*/\1/'; }
BOT="$(api POST "/api/v1/organizations/$ORG/chatbots" \
    '{"name":"Bench bot","engine":{"type":"knowledge","language":"english"},"fallback_message":"Sorry."}' | id_of)"
api PATCH "/api/v1/organizations/$ORG/chatbots/$BOT" '{"status":"active"}' >/dev/null
faq() { api POST "/api/v1/organizations/$ORG/chatbots/$BOT/knowledge" "{\"type\":\"faq\",\"question\":\"$1\",\"answer\":\"$2\"}" >/dev/null; }
faq "How can I reset my password?" "Open Settings, then Security, then Reset password."
faq "What are your opening hours?" "Monday to Friday, 9:00 to 17:00."
faq "Do you ship internationally?" "Yes, to 40 countries."
faq "How do I cancel my subscription?" "In Billing, choose Cancel subscription."
for i in $(seq 1 40); do faq "Question number $i about product $i" "Answer number $i."; done
CONVERSATIONS=()
for _ in $(seq 1 $CONNECTIONS); do
    CONVERSATIONS+=("$(api POST "/api/v1/organizations/$ORG/chatbots/$BOT/conversations" '{}' | id_of)")
done

# Each connection sends one message every CONNECTIONS*1000/RATE ms, the messages spread over the conversations.
DELAY_MS="$(awk -v c=$CONNECTIONS -v r="$RATE" 'BEGIN { printf "%d", 1000 * c / r + 0.5 }')"
{
    printf 'local conversations = {'
    printf '"%s",' "${CONVERSATIONS[@]}"
    printf '}\n'
    cat <<EOF
local questions = {"I forgot my password, how do I reset it?", "when are you open?", "do you ship abroad?",
    "how can I cancel the subscription?", "what is the weather like?"}
local n = 0
request = function()
    n = n + 1
    local c = conversations[(n % #conversations) + 1]
    local body = '{"content":"' .. questions[(n % #questions) + 1] .. '"}'
    return wrk.format("POST", "/api/v1/organizations/$ORG/chatbots/$BOT/conversations/" .. c .. "/messages",
        {["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json", ["Prefer"] = "wait=5"}, body)
end
function delay() return $DELAY_MS end
EOF
} >"$WORK/paced.lua"
sed 's/^function delay.*$//' "$WORK/paced.lua" >"$WORK/max.lua"

run_wrk() { # name port threads connections script duration
    wrk -t"$3" -c"$4" -d"$6" --latency -s "$5" "http://127.0.0.1:$2" >"$WORK/$1.txt" 2>&1
    grep -q 'Requests/sec' "$WORK/$1.txt" || die "wrk failed for $1: $(cat "$WORK/$1.txt")"
}
# CPU time (clock ticks) so far of chatbot-service, the gateway, every PostgreSQL process and RabbitMQ's Erlang VM.
cpu_snapshot() {
    # shellcheck disable=SC2046 # one pid per word
    echo "$(cpu_ticks "$SERVICE_PID") $(cpu_ticks "$GATEWAY_PID") $(cpu_ticks $(pgrep -x postgres)) $(cpu_ticks $(pgrep -x beam.smp))"
}
# measured name port script: run_wrk, and the CPU each process spent per message (ms) into $WORK/name.cpu.
measured() {
    local before after
    before="$(cpu_snapshot)"
    run_wrk "$1" "$2" 1 $CONNECTIONS "$3" "$DURATION"
    after="$(cpu_snapshot)"
    awk -v b="$before" -v a="$after" -v c="$(awk '/requests in/ {print $1}' "$WORK/$1.txt")" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { split(b, x); split(a, y); for (i = 1; i <= 4; i++) printf "%.2f ", (y[i] - x[i]) * 1000 / hz / c }' \
        >"$WORK/$1.cpu"
}
cpu_row() { # name label
    local service gateway postgres rabbit
    read -r service gateway postgres rabbit <"$WORK/$1.cpu"
    [[ "$1" == *direct* ]] && gateway="—"
    echo "| $2 | $service | $gateway | $postgres | $rabbit |"
}
rps() { awk '/Requests\/sec/ {printf "%.1f", $2}' "$WORK/$1.txt"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$WORK/$1.txt"; }
pct() {
    awk -v p="$2%" '$1 == p {
        v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
        if (unit == "us") v = v / 1000; else if (unit == "s") v = v * 1000; else if (unit == "m") v = v * 60000;
        printf "%.2f", v }' "$WORK/$1.txt"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
say "warming up ($WARMUP through the gateway at $RATE msg/s)"
run_wrk warm "$GATEWAY_PORT" 1 $CONNECTIONS "$WORK/paced.lua" "$WARMUP"
# wrk waits the delay after each answer, so a connection sends one message per (delay + latency): the delay is set
# from the mean latency of a short warm run at the rate, so that the steady runs send about RATE messages/s.
mean_ms() {
    awk '$1 == "Latency" {
        v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
        if (unit == "us") v = v / 1000; else if (unit == "s") v = v * 1000;
        printf "%d", v + 0.5; exit }' "$WORK/$1.txt"
}
run_wrk calibrate "$GATEWAY_PORT" 1 $CONNECTIONS "$WORK/paced.lua" 10s
DELAY_MS="$(awk -v c=$CONNECTIONS -v r="$RATE" -v l="$(mean_ms calibrate)" 'BEGIN { d = 1000 * c / r - l; if (d < 1) d = 1; printf "%d", d + 0.5 }')"
sed -i "s/^function delay() return .* end$/function delay() return $DELAY_MS end/" "$WORK/paced.lua"
say "steady $RATE msg/s for $DURATION: direct, then through the gateway (each connection waits ${DELAY_MS} ms after an answer)"
measured steady-direct "$SERVICE_PORT" "$WORK/paced.lua"
measured steady-gateway "$GATEWAY_PORT" "$WORK/paced.lua"
say "maximum throughput ($CONNECTIONS connections, no pacing, $DURATION): direct, then through the gateway"
measured max-direct "$SERVICE_PORT" "$WORK/max.lua"
measured max-gateway "$GATEWAY_PORT" "$WORK/max.lua"

# A JFR-recorded run of chatbot-service (BENCH_PROFILE=1), after the measured ones so that JFR's cost is in none of
# them: at the steady rate through the gateway, summarized by bench/JfrTop.java into docs/profiles/.
if [[ "${BENCH_PROFILE:-0}" == 1 ]]; then
    say "profiling chatbot-service at $RATE msg/s through the gateway ($DURATION)"
    "$JAVA_HOME/bin/jcmd" "$SERVICE_PID" JFR.start name=bench settings=profile filename="$WORK/service.jfr" >/dev/null
    run_wrk profiled "$GATEWAY_PORT" 1 $CONNECTIONS "$WORK/paced.lua" "$DURATION"
    "$JAVA_HOME/bin/jcmd" "$SERVICE_PID" JFR.stop name=bench >/dev/null
    PROFILES="${BENCH_PROFILES:-$ROOT/docs/profiles}"
    mkdir -p "$PROFILES"
    {
        printf 'Written by bench/chat.sh (BENCH_PROFILE=1) on %s; load average before the run: %s.\n' \
            "$(date -u +%Y-%m-%dT%H:%MZ)" "$(cut -d' ' -f1-3 /proc/loadavg)"
        printf 'wrk -> gateway -> chatbot-service, POST with Prefer: wait, %s connections, %s, %s messages/s while recording.\n\n' \
            "$CONNECTIONS" "$DURATION" "$(rps profiled)"
        "$JAVA" "$ROOT/bench/JfrTop.java" "$WORK/service.jfr" "chatbot-service"
    } >"$PROFILES/chatbot-service-chat.txt"
    [[ -z "${BENCH_KEEP_JFR:-}" ]] || cp "$WORK/service.jfr" "$BENCH_KEEP_JFR/chatbot-service-chat.jfr"
    say "profile written to $PROFILES/chatbot-service-chat.txt"
fi

# The same through the gateway with the OpenTelemetry Java agent (BENCH_OTEL=1), as `bin/platform up --otel` runs it.
OTEL_ROWS=""
if [[ "$OTEL" == 1 ]]; then
    AGENT="$(otel_agent)"
    say "with the OpenTelemetry agent: both JVMs restarted, every request traced and exported to a local OTLP sink"
    stop_jvms
    EXTRA_ENV=(OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_PORT"
        OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none)
    GATEWAY_ENV=("${OTEL_GATEWAY_ENV[@]}")
    start_jvms "-javaagent:$AGENT"
    wait_both
    sed -i "s/^function delay() return .* end$/function delay() return $((1000 * CONNECTIONS / RATE)) end/" "$WORK/paced.lua"
    # As much load before the maximum run through the gateway as the first pair had before theirs (which also served
    # the steady and maximum direct runs). JIT compilation of the instrumented code is still a third of the CPU after a plain
    # warm-up, so a shorter one would charge the agent for warming up.
    OTEL_WARMUP="$WARMUP"
    if [[ "$WARMUP" =~ ^[0-9]+s$ && "$DURATION" =~ ^[0-9]+s$ ]]; then
        OTEL_WARMUP="$((${WARMUP%s} + 2 * ${DURATION%s}))s"
    fi
    run_wrk warm-otel "$GATEWAY_PORT" 1 $CONNECTIONS "$WORK/paced.lua" "$OTEL_WARMUP"
    run_wrk calibrate-otel "$GATEWAY_PORT" 1 $CONNECTIONS "$WORK/paced.lua" 10s
    DELAY_MS="$(awk -v c=$CONNECTIONS -v r="$RATE" -v l="$(mean_ms calibrate-otel)" 'BEGIN { d = 1000 * c / r - l; if (d < 1) d = 1; printf "%d", d + 0.5 }')"
    sed -i "s/^function delay() return .* end$/function delay() return $DELAY_MS end/" "$WORK/paced.lua"
    measured steady-gateway-otel "$GATEWAY_PORT" "$WORK/paced.lua"
    measured max-gateway-otel "$GATEWAY_PORT" "$WORK/max.lua"
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# Messages posted in the last moments of a run may still be in flight: let them finish before counting.
for _ in $(seq 1 30); do
    [[ "$(psql_admin -d "$DB_NAME" -tAc "select count(*) from chatbot.message where status = 'queued'")" == 0 ]] && break
    sleep 1
done
ANSWERED="$(psql_admin -d "$DB_NAME" -tAc "select count(*) from chatbot.message where role = 'user' and status = 'answered'")"
UNANSWERED="$(psql_admin -d "$DB_NAME" -tAc "select count(*) from chatbot.message where role = 'user' and status <> 'answered'")"
DUPLICATES="$(psql_admin -d "$DB_NAME" -tAc "select count(*) from (select reply_to from chatbot.message where reply_to is not null group by reply_to having count(*) > 1) d")"
RUNS=(steady-direct steady-gateway max-direct max-gateway)
[[ "$OTEL" == 1 ]] && RUNS+=(steady-gateway-otel max-gateway-otel)
for run in "${RUNS[@]}"; do
    [[ -z "$(non2xx "$run")" ]] || say "warning: $run had $(non2xx "$run") non-2xx answers"
done

CPU="$(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
BUSY=""
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    BUSY="**The machine was busy with other work during this run (load average above the core count): the latencies
mostly measure waiting for a core, not the service. Re-run on a quiet machine for representative numbers.**"
fi
JAVA_VERSION="$("$JAVA" -version 2>&1 | head -1)"
if [[ "$OTEL" == 1 ]]; then
    OTEL_ROWS="| steady $RATE msg/s, through the gateway, OpenTelemetry agent | $(rps steady-gateway-otel) | $(pct steady-gateway-otel 50) ms | $(pct steady-gateway-otel 90) ms | $(pct steady-gateway-otel 99) ms | $(non2xx steady-gateway-otel || true) |
| maximum, through the gateway, OpenTelemetry agent | $(rps max-gateway-otel) | $(pct max-gateway-otel 50) ms | $(pct max-gateway-otel 90) ms | $(pct max-gateway-otel 99) ms | $(non2xx max-gateway-otel || true) |"
    OTEL_CPU_ROWS="$(cpu_row steady-gateway-otel "steady, through the gateway, OpenTelemetry agent")
$(cpu_row max-gateway-otel "maximum, through the gateway, OpenTelemetry agent")"
    OTEL_NOTE="
With the OpenTelemetry Java agent (\`bin/platform up --otel\`: both JVMs restarted with it, every request traced, spans
exported over OTLP/HTTP to a local sink that discards them, warmed $OTEL_WARMUP, so that both maximum runs come after
as much load; the gateway with \`${GATEWAY_ENV[*]}\`, \`bin/platform\`'s default), the maximum
through the gateway is
**$(awk -v a="$(rps max-gateway-otel)" -v b="$(rps max-gateway)" 'BEGIN { printf "%.2f", a / b }')×** the maximum without it (target ≥ 0.8×)."
else
    OTEL_NOTE=""
    OTEL_CPU_ROWS=""
fi
SECTION="$WORK/section.md"
cat >"$SECTION" <<EOF
<!-- chat:start -->
## Chat messages (knowledge engine)

Written by \`bench/chat.sh\` on $(date -u +%Y-%m-%dT%H:%MZ). Each request is \`POST …/conversations/{c}/messages\` with
\`Prefer: wait=5\`, so its latency is POST → reply: the message stored and counted, its work published to the
RabbitMQ priority queue (confirmed), a worker's PostgreSQL full-text retrieval over 44 FAQ pairs, the reply written
(with its outbox event), and the reply relayed back to the waiting request. $CONNECTIONS connections over
$CONNECTIONS conversations; the permission answer is a static file (enterprise plan, no quota) so user-org-service is not measured.
The service's events go to a queue bound to every routing key that keeps only the newest, standing in for
audit-service's, so that the outbox relay finds them routed as in a deployment.

| run | messages/s | p50 | p90 | p99 | non-2xx |
|---|---:|---:|---:|---:|---:|
| steady $RATE msg/s, direct | $(rps steady-direct) | $(pct steady-direct 50) ms | $(pct steady-direct 90) ms | $(pct steady-direct 99) ms | $(non2xx steady-direct || true) |
| steady $RATE msg/s, through the gateway | $(rps steady-gateway) | $(pct steady-gateway 50) ms | $(pct steady-gateway 90) ms | $(pct steady-gateway 99) ms | $(non2xx steady-gateway || true) |
| maximum, direct | $(rps max-direct) | $(pct max-direct 50) ms | $(pct max-direct 90) ms | $(pct max-direct 99) ms | $(non2xx max-direct || true) |
| maximum, through the gateway | $(rps max-gateway) | $(pct max-gateway 50) ms | $(pct max-gateway 90) ms | $(pct max-gateway 99) ms | $(non2xx max-gateway || true) |
${OTEL_ROWS}

Target: p50 ≤ 20 ms and p99 ≤ 100 ms at 100 msg/s through the gateway. After the runs (this database keeps earlier runs' messages too):
$ANSWERED user messages answered, $UNANSWERED not answered, $DUPLICATES with more than one reply.
$OTEL_NOTE

CPU time per message (ms, from \`/proc\`, all threads; PostgreSQL is every server process, RabbitMQ its Erlang VM):

| run | chatbot-service | gateway | PostgreSQL | RabbitMQ |
|---|---:|---:|---:|---:|
$(cpu_row steady-direct "steady, direct")
$(cpu_row steady-gateway "steady, through the gateway")
$(cpu_row max-direct "maximum, direct")
$(cpu_row max-gateway "maximum, through the gateway")
${OTEL_CPU_ROWS}

Machine: $CPU, $(nproc) cores, shared by wrk, the gateway, chatbot-service, nginx, PostgreSQL, RabbitMQ and Redis;
$JAVA_VERSION with \`$JAVA_OPTS_BENCH\`. Load average before: $LOAD_BEFORE; after: $LOAD_AFTER.
$BUSY
<!-- chat:end -->
EOF
# shellcheck source=lib/report.sh
source "$ROOT/bench/lib/report.sh"
write_section chat "$SECTION" "$OUTPUT"
say "wrote $OUTPUT"
cat "$SECTION"
