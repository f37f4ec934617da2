package com.clinicflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code clinicflow.jar} as a child process: the real application, started the way an operator
 * starts it ({@code java -jar}), its output in a log file.
 */
final class AppProcess implements AutoCloseable {

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final String name;
  final Path log;
  final int httpPort;
  final String java;
  private final List<String> command;
  private Process process;
  private Path postgresDataDir;

  private AppProcess(String name, String java, Path log, int httpPort, List<String> command) {
    this.name = name;
    this.java = java;
    this.log = log;
    this.httpPort = httpPort;
    this.command = command;
  }

  /**
   * @param java the {@code java} executable (JDK 17 or 25)
   * @param jvmOptions e.g. heap settings
   * @param properties {@code --name=value} arguments
   */
  static AppProcess start(
      String name,
      String java,
      Path jar,
      Path logDir,
      int httpPort,
      List<String> jvmOptions,
      List<String> properties) {
    List<String> command = new ArrayList<>();
    command.add(java);
    // Every collection with its pause and wall-clock time, one file per process (a relaunch gets
    // a new pid): a latency stall in a step can then be matched against the GC, or ruled out.
    command.add(GcPauses.logOption(logDir, name));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.add("--server.port=" + httpPort);
    command.addAll(properties);
    AppProcess app =
        new AppProcess(name, java, logDir.resolve(name + ".log"), httpPort, List.copyOf(command));
    app.launch();
    return app;
  }

  private static final Set<AppProcess> STARTED = ConcurrentHashMap.newKeySet();

  static {
    // A harness stopped with Ctrl-C or SIGTERM takes its application processes with it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> STARTED.forEach(p -> p.process.destroy()), "stop-applications"));
  }

  void launch() {
    STARTED.add(this);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Waits until {@code /actuator/health} answers UP (HTTP roles). */
  void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(url("/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Bench.sleep(250);
    }
    throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log);
  }

  /** Waits until the log contains {@code text} (roles without HTTP, e.g. temporal). */
  void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      try {
        if (Files.exists(log) && Files.readString(log).contains(text)) {
          return;
        }
      } catch (IOException e) {
        // retry
      }
      Bench.sleep(250);
    }
    throw new IllegalStateException(name + ": '" + text + "' not logged within " + timeout);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** SIGKILL: no shutdown hook, no graceful stop, as an OOM kill or a pulled plug. */
  void kill() {
    process.destroyForcibly();
    waitFor(30);
  }

  /** SIGTERM: the graceful stop. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(60)) {
      process.destroyForcibly();
      waitFor(30);
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * CPU time (user + system) of this process, and of its embedded PostgreSQL: pg_ctl detaches the
   * postmaster, so it is found through {@code postmaster.pid} in {@code postgresDataDir}.
   */
  CpuTimes cpu() {
    long own = ProcStat.cpuNanos(pid());
    long children = 0;
    for (ProcessHandle child : process.toHandle().descendants().toList()) {
      children += ProcStat.cpuNanos(child.pid());
    }
    if (postgresDataDir != null) {
      try {
        long postmaster =
            Long.parseLong(
                Files.readAllLines(postgresDataDir.resolve("postmaster.pid")).get(0).trim());
        children += ProcStat.cpuNanos(postmaster);
        for (ProcessHandle backend :
            ProcessHandle.of(postmaster).map(h -> h.descendants().toList()).orElse(List.of())) {
          children += ProcStat.cpuNanos(backend.pid());
        }
      } catch (IOException | RuntimeException e) {
        // not running (yet)
      }
    }
    return new CpuTimes(own, children);
  }

  /** Where this process's embedded PostgreSQL keeps its data, for CPU accounting. */
  AppProcess withPostgresDataDir(Path dataDir) {
    this.postgresDataDir = dataDir;
    return this;
  }

  record CpuTimes(long jvmNanos, long childrenNanos) {}

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
