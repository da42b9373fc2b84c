# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK 25, run on a JRE 25 as a non-root user.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B dependency:go-offline
COPY src/ src/
COPY db/ db/
COPY openapi.yaml ./
# git metadata is optional: the build records "unknown" commit info without it
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B -DskipTests package \
    && mkdir -p /layers && cd /layers \
    && java -Djarmode=tools -jar /src/target/sonarcloud-connector-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
# a fixed uid, so a keyset file mounted as a secret can be made readable to it (README)
RUN groupadd --system --gid 10001 connector \
    && useradd --system --uid 10001 --gid connector --home-dir /app --shell /usr/sbin/nologin connector \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# the flags bench/run measures with (bench/README.md, "JVM flags"): Serial GC and a fixed 112 MB heap (the live set
# under load is about 35 MB) with a 40 MB young generation keep the process at about 315 MB resident under load
# (354 MB with the 256 MB heap before); the training run below uses them too
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms112m -Xmx112m -Xmn40m -XX:MaxMetaspaceSize=160m -Xss512k -XX:+ExitOnOutOfMemoryError"
# health, metrics and info on their own port, which compose does not publish beyond the host's loopback
ENV SERVER_PORT=8080 MANAGEMENT_SERVER_PORT=8081
# JDK 25 AOT cache from a training run that stops once the context is up (no database or real keyset needed):
# start-up to ready is about a third shorter than a plain java -jar (BENCH_STARTUP_ONLY=1 bench/run on 2 shared cores,
# medians of 3: about 11 s instead of about 16 s)
RUN CONNECTOR_KEYSET="$(java org.springframework.boot.loader.launch.JarLauncher generate-keyset 2>/dev/null)" \
    SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:1/none \
    java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh org.springframework.boot.loader.launch.JarLauncher \
    && chmod 444 app.aot
USER connector
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-8081}/actuator/health/liveness || exit 1
# docker run --rm <image> generate-keyset > keyset.json (also add-key, promote-key, list-keys: README)
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "org.springframework.boot.loader.launch.JarLauncher"]
