# syntax=docker/dockerfile:1.7
# The image of any service of the reactor, built from the repository root (the reactor builds the shared modules too):
#   docker build --build-arg SERVICE=auth-service --build-arg PORT=8081 -t chatbot-saas/auth-service .
# SERVICE is the Maven module, PORT its server.port default (application.yml); the build stops when either is
# missing or the port is not the module's.

ARG SERVICE
ARG PORT

FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
ARG PORT
WORKDIR /workspace
COPY . .
RUN test -n "$SERVICE" -a -n "$PORT" -a -f "$SERVICE/src/main/resources/application.yml" \
    || { echo "build with --build-arg SERVICE=<service module> --build-arg PORT=<its port>" >&2; exit 1; } \
    && grep -q "port: \${SERVER_PORT:$PORT}" "$SERVICE/src/main/resources/application.yml" \
    || { echo "PORT=$PORT is not $SERVICE's server.port (see its application.yml)" >&2; exit 1; }
# The reactor's root build also fetches the OpenTelemetry Java agent (version in platform-bom) to .run/otel.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "$SERVICE" -am -DskipTests -Dspotless.check.skip=true package \
    && cp "$SERVICE"/target/"$SERVICE"-*.jar /workspace/app.jar \
    && cp .run/otel/opentelemetry-javaagent.jar /workspace/opentelemetry-javaagent.jar

FROM eclipse-temurin:25-jdk AS extract
WORKDIR /workspace
COPY --from=build /workspace/app.jar app.jar
# Layered: dependencies change rarely, the application on every commit; each is its own image layer. Extracted as
# app.jar plus lib/ (no launcher): every class then comes from the class path, which an AOT cache needs.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination /extracted

FROM eclipse-temurin:25-jre
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="chatbot-saas $SERVICE" \
      org.opencontainers.image.source="https://github.com/chatbot-saas/platform"
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
COPY --from=extract /extracted/dependencies/ ./
COPY --from=extract /extracted/spring-boot-loader/ ./
COPY --from=extract /extracted/snapshot-dependencies/ ./
COPY --from=extract /extracted/application/ ./
COPY --from=build /workspace/opentelemetry-javaagent.jar /opt/otel/opentelemetry-javaagent.jar
# JDK AOT cache (JEPs 483, 514, 515): a training run refreshes the application context and exits before serving
# (spring.context.exit=onRefresh); the JVM writes the classes it loaded and linked, and their profiles, to app.aot,
# which every start maps. Nothing answers at image build time, so the run needs no infrastructure: Flyway is off,
# Hibernate reads no JDBC metadata, and nothing else connects before the refresh ends. The keys are throwaway values
# of this run only, never in the image's environment.
RUN CHATBOT_SECRETS_KEY=YW90LXRyYWluaW5nLW9ubHktbm90LWEtcmVhbC1rZXk= \
    WEBHOOK_SECRET_KEY=YW90LXRyYWluaW5nLW9ubHktbm90LWEtcmVhbC1rZXk= \
    SERVICE_CLIENT_SECRET=aot-training \
    java -XX:AOTCacheOutput=/app/app.aot -XX:MaxRAMPercentage=75 -Dspring.context.exit=onRefresh \
         -Dspring.flyway.enabled=false -Dspring.jpa.database=postgresql \
         -Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
         -jar /app/app.jar \
    && test -s /app/app.aot
# The agent is always attached and does nothing until OTEL_JAVAAGENT_ENABLED=true (compose and Helm set it).
# AOT_CACHE empty: start without the cache (a JVM that cannot use it says so on its log and starts without it).
ENV SERVER_PORT=$PORT \
    OTEL_JAVAAGENT_ENABLED=false \
    OTEL_SERVICE_NAME=$SERVICE \
    AOT_CACHE=/app/app.aot \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE $PORT
# No curl in the JRE image: ask the readiness group over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$SERVER_PORT && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["sh", "-c", "exec java ${AOT_CACHE:+-XX:AOTCache=$AOT_CACHE} $JAVA_OPTS -javaagent:/opt/otel/opentelemetry-javaagent.jar -jar /app/app.jar \"$@\"", "--"]
