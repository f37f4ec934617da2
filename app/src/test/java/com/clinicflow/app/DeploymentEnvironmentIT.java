package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClinicFlow started the way docker compose starts it: every line of {@code .env.example} as an
 * environment variable, most of them empty. Each process is a JVM of its own with this test's class
 * path and embedded PostgreSQL and Temporal, in a directory of its own.
 */
class DeploymentEnvironmentIT {

  @TempDir Path workDir;

  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void theEnvironmentExampleAsItIsStartsWithTheDefaults() throws Exception {
    int httpPort = TestPorts.free();
    process = start(envExample(), httpPort);

    boolean healthy = false;
    for (int i = 0; i < 180 && !healthy && process.isAlive(); i++) {
      healthy = ActuatorHealth.up(httpPort);
      if (!healthy) {
        Thread.sleep(500);
      }
    }
    assertThat(healthy).as(log()).isTrue();
  }

  /**
   * The one variable that is wrong is the one the failure names, with its origin (the empty ones
   * around it are not reported), and the process ends (ClinicFlowApplication exits: a non-daemon
   * library thread once kept a failed start's JVM up).
   */
  @Test
  void aSettingThatCannotBeReadFailsTheStartNamingItsVariable() throws Exception {
    Map<String, String> environment = envExample();
    environment.put("CLINICFLOW_TENANT_CACHE_TTL", "soon");
    process = start(environment, TestPorts.free());

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(log()).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(log())
        .contains(
            "APPLICATION FAILED TO START",
            "System Environment Property \"CLINICFLOW_TENANT_CACHE_TTL\"");
  }

  /**
   * A failure after embedded PostgreSQL and Temporal have started their threads: without {@code
   * ClinicFlowApplication}'s exit the JVM stays up, serving nothing, where a supervisor would
   * otherwise restart it (measured: still running after 120 s).
   */
  @Test
  void aPortAlreadyInUseFailsTheStartAndEndsTheProcess() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      process = start(envExample(), taken.getLocalPort());

      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(log()).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(log())
          .contains(
              "APPLICATION FAILED TO START",
              "Port " + taken.getLocalPort() + " was already in use");
    }
  }

  /** Every variable of {@code .env.example}, with its value there (most are empty). */
  private static Map<String, String> envExample() throws IOException {
    Map<String, String> variables = new LinkedHashMap<>();
    Pattern assignment = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");
    for (String line : Files.readAllLines(DeploymentFilesTest.ROOT.resolve(".env.example"))) {
      Matcher m = assignment.matcher(line);
      if (m.matches()) {
        variables.put(m.group(1), m.group(2));
      }
    }
    assertThat(variables)
        .containsEntry("CLINICFLOW_TENANT_CACHE_LISTEN", "")
        .hasSizeGreaterThan(40);
    return variables;
  }

  private Process start(Map<String, String> environment, int httpPort) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ClinicFlowApplication.class.getName());
    command.add("--server.port=" + httpPort);
    command.add("--clinicflow.temporal.embedded-port=" + TestPorts.free());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("clinicflow.log").toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private String log() {
    try {
      return Files.readString(workDir.resolve("clinicflow.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
