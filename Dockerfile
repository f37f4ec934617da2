# ClinicFlow: one image for the api and worker services (clinicflow.roles picks the role).
# Build stage: the Maven wrapper and a JDK; tests run in CI, not in the image build.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY workflows/pom.xml workflows/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY api/pom.xml api/
COPY migrations/pom.xml migrations/
COPY app/pom.xml app/
# Dependencies first, so source changes do not download the world again.
RUN ./mvnw -B -q -DskipTests dependency:go-offline -pl app -am || true
COPY . .
RUN ./mvnw -B -q -DskipTests package

# Runtime: JRE 21, so conversations run on virtual threads.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home /app clinicflow \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/app/target/clinicflow.jar /app/clinicflow.jar
USER clinicflow
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD curl -fsS http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/clinicflow.jar"]
