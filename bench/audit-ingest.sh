#!/usr/bin/env bash
# Sustained ingestion rate of audit-service with the hash chain on: starts the service against a fresh bench
# database, publishes EVENTS events (over ORGS organizations) to its exchange with publisher confirms, and measures
# the time until every one is stored. Needs the local PostgreSQL (superuser postgres) and RabbitMQ.
#
#   bench/audit-ingest.sh                 # 50,000 events over 20 organizations
#   EVENTS=100000 ORGS=1 bench/audit-ingest.sh
#   AUDIT_INGEST_CONSUMERS=4 AUDIT_INGEST_BATCH_SIZE=1000 bench/audit-ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT="$(pwd)"
# shellcheck source=lib/common.sh
source bench/lib/common.sh
export PATH="$JAVA_HOME/bin:$PATH"

DB=${BENCH_DB:-chatbot_saas_bench}
PSQL=(psql -h "${PGHOST:-localhost}" -U postgres -v ON_ERROR_STOP=1 -q)
PORT=${BENCH_PORT:-18984}
export EVENTS=${EVENTS:-50000} ORGS=${ORGS:-20}
export EVENTS_EXCHANGE=bench.platform.events NOTIFICATIONS_EXCHANGE=bench.platform.notifications EVENTS_QUEUE_PREFIX=bench.
export BENCH_JDBC_URL="jdbc:postgresql://localhost:5432/$DB"

# A fresh audit schema each run, so runs compare.
if ! "${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
  "${PSQL[@]}" -d postgres -c "create database $DB"
fi
"${PSQL[@]}" -d "$DB" -c "drop schema if exists audit cascade" 2>/dev/null
"${PSQL[@]}" -d "$DB" -f infra/postgres/01-schemas.sql

JAR=$(ls audit-service/target/audit-service-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [[ -z "$JAR" || "${BUILD:-0}" == 1 ]]; then
  ./mvnw -q -pl audit-service -am package -DskipTests -Dspotless.check.skip=true
  JAR=$(ls audit-service/target/audit-service-*.jar | grep -v plain | head -1)
fi
# The publisher runs with the service's own libraries (RabbitMQ client, PostgreSQL driver), taken from its jar.
LIB=audit-service/target/bench-lib
rm -rf "$LIB" && mkdir -p "$LIB" && (cd "$LIB" && jar xf "$OLDPWD/$JAR" BOOT-INF/lib)

LOG=audit-service/target/bench-audit-service.log
SERVICE=
start_service() {
  SERVICE_CLIENT_SECRET="${SERVICE_CLIENT_SECRET:-bench-not-used}" DB_URL="$BENCH_JDBC_URL" SERVER_PORT=$PORT java ${BENCH_JAVA_OPTS:-} -jar "$JAR" >>"$LOG" 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 180); do
    if curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVICE" 2>/dev/null; then echo "audit-service did not start; see $LOG" >&2; exit 1; fi
    sleep 1
  done
  echo "audit-service not ready; see $LOG" >&2
  exit 1
}
stop_service() {
  if [[ -n "$SERVICE" ]]; then kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; SERVICE=; fi
}
trap 'stop_service; rabbitmqctl -q delete_queue bench.audit-service.events >/dev/null 2>&1 || true' EXIT
: >"$LOG"
bench() { java -cp "$LIB/BOOT-INF/lib/*" bench/audit/IngestBench.java "$@"; }
echo "audit-service: consumers=${AUDIT_INGEST_CONSUMERS:-2} batch=${AUDIT_INGEST_BATCH_SIZE:-500}; $EVENTS events over $ORGS organizations"

start_service

# 1. Warm-up: the JIT compiles the ingestion path (a running service is warm).
BENCH_RUN=warmup-$(date +%s) EVENTS=${WARMUP:-20000} bench live >/dev/null
echo "warmed up with ${WARMUP:-20000} events"

# CPU seconds (user + system) used so far by the service and by the database sessions of the bench database.
cpu_seconds() {
  local pids pid total=0 hz
  hz=$(getconf CLK_TCK)
  pids="$SERVICE $("${PSQL[@]}" -d postgres -tAc "select pid from pg_stat_activity where datname = '$DB' and usename = 'audit_service'" | tr '\n' ' ')"
  for pid in $pids; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "scale=3; $total / $hz" | bc
}
service_cpu() { echo "scale=3; $(awk '{print $14 + $15}' "/proc/$SERVICE/stat") / $(getconf CLK_TCK)" | bc; }

# 2. Live: EVENTS events published by several publishers with confirms while the service runs. stored_rate is what
#    the service sustained between its first and its last batch of the run (its own received_at), wall_rate is end to
#    end from the first publish to the last record stored.
export BENCH_RUN=live-$(date +%s)
CPU_BEFORE=$(cpu_seconds)
SERVICE_BEFORE=$(service_cpu)
bench live
CPU_AFTER=$(cpu_seconds)
SERVICE_AFTER=$(service_cpu)
# What one event costs in CPU, service and database together, and the rate two dedicated cores would sustain at that
# cost: the machine is shared, so the wall-clock rate above depends on what else runs.
echo "cpu: service=$(echo "scale=1; ($SERVICE_AFTER - $SERVICE_BEFORE) * 1000000 / $EVENTS" | bc) us/event" \
  "service+database=$(echo "scale=1; ($CPU_AFTER - $CPU_BEFORE) * 1000000 / $EVENTS" | bc) us/event" \
  "two_cores_rate=$(echo "scale=0; 2 * $EVENTS / ($CPU_AFTER - $CPU_BEFORE)" | bc)/s" \
  "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"

# 3. Backlog drained by the warm service: while a session holds a lock on the chain heads, the service cannot
#    store, so EVENTS events pile up in the queue; then the lock goes and the service drains them. wall_rate is
#    from the release to the last record stored: what the service sustains, whatever the publisher's speed.
if [[ "${SKIP_BACKLOG:-0}" != 1 ]]; then
  "${PSQL[@]}" -d "$DB" -c "begin; lock table audit.audit_chain in exclusive mode; select pg_sleep(3600);" \
    >/dev/null 2>&1 &
  LOCKER=$!
  sleep 2
  export BENCH_RUN=backlog-$(date +%s)
  bench publish
  DRAIN_FROM=$(date +%s%3N)
  "${PSQL[@]}" -d postgres -tAc "select pg_cancel_backend(pid) from pg_stat_activity
    where datname = '$DB' and query like '%pg_sleep(3600)%' and pid <> pg_backend_pid()" >/dev/null
  wait $LOCKER 2>/dev/null || true
  DRAIN_FROM=$DRAIN_FROM bench await
fi

# 4. Optional (COLD=1): a backlog drained by a freshly started, cold service.
if [[ "${COLD:-0}" == 1 ]]; then
  stop_service
  export BENCH_RUN=backlog-$(date +%s)
  bench publish
  start_service
  bench await
fi
