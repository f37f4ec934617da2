package com.clinicflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of a run: {@code MODE [--name=value ...]}. Defaults are the documented suite; every
 * number that shapes a result is printed in the report.
 */
record Settings(
    String mode,
    Path root,
    Path jar,
    String java17,
    String java25,
    int tenants,
    int conversations,
    long geminiMillis,
    long geminiJitterMillis,
    long evolutionMillis,
    Duration debounce,
    List<Double> rates,
    double mainRate,
    int stepSeconds,
    int mainSeconds,
    int warmupSeconds,
    int memoryConversations,
    double memoryRate,
    double warmupRate,
    boolean cacheStep,
    boolean sweep,
    boolean baseline,
    boolean memory,
    int crashKills,
    double reliabilityRate,
    boolean workerSticky,
    int workflowCache,
    List<String> appProperties,
    List<String> appJvmOptions,
    long seed) {

  static Settings parse(String[] args) {
    String mode = args.length > 0 && !args[0].startsWith("--") ? args[0] : "suite";
    Map<String, String> o = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        o.put(
            eq < 0 ? arg.substring(2) : arg.substring(2, eq),
            eq < 0 ? "true" : arg.substring(eq + 1));
      }
    }
    boolean quick = o.containsKey("quick");
    Path root = Path.of(o.getOrDefault("root", ".")).toAbsolutePath().normalize();
    return new Settings(
        mode,
        root,
        root.resolve(o.getOrDefault("jar", "app/target/clinicflow.jar")),
        o.getOrDefault("java17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"),
        o.getOrDefault("java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"),
        Integer.parseInt(o.getOrDefault("tenants", "100")),
        Integer.parseInt(o.getOrDefault("conversations", "1000")),
        Long.parseLong(o.getOrDefault("gemini-ms", "800")),
        Long.parseLong(o.getOrDefault("gemini-jitter-ms", "200")),
        Long.parseLong(o.getOrDefault("evolution-ms", "30")),
        Duration.parse(o.getOrDefault("debounce", "PT0.2S")),
        // 120/s after the main step: the 3× n8n anchor (105 msg/s) is then measured by the suite.
        Arrays.stream(o.getOrDefault("rates", quick ? "20,100" : "10,20,40,100,120").split(","))
            .map(Double::parseDouble)
            .toList(),
        Double.parseDouble(o.getOrDefault("main-rate", "100")),
        Integer.parseInt(o.getOrDefault("step-seconds", quick ? "15" : "30")),
        Integer.parseInt(o.getOrDefault("main-seconds", quick ? "20" : "30")),
        // Long enough for the JIT to settle on two cores: after 60 s at 30/s (and 90 s of lower
        // steps) the 100 msg/s step still cost 12.3 ms of application CPU per message and queued
        // (overhead p50 34.6 ms); after 180 s, 10.1 ms and p50 12.8-14.0 ms (docs/benchmarks.md).
        Integer.parseInt(o.getOrDefault("warmup-seconds", quick ? "20" : "180")),
        Integer.parseInt(o.getOrDefault("memory-conversations", quick ? "2000" : "10000")),
        Double.parseDouble(o.getOrDefault("memory-rate", "50")),
        // Long enough for the JIT to settle: C2 spent ~20 s of CPU on the first 1,500 messages.
        Double.parseDouble(o.getOrDefault("warmup-rate", "30")),
        o.containsKey("cache-step"),
        !o.containsKey("no-sweep"),
        !o.containsKey("no-baseline"),
        !o.containsKey("no-memory"),
        Integer.parseInt(o.getOrDefault("kills", "10")),
        Double.parseDouble(o.getOrDefault("reliability-rate", "20")),
        Boolean.parseBoolean(o.getOrDefault("worker-sticky", "false")),
        // Above the 1,000 conversations of the load, so that none is evicted between messages.
        Integer.parseInt(o.getOrDefault("workflow-cache", "2000")),
        // Extra application properties for experiments: --app-properties='a.b=1;c.d=x'.
        semicolonList(o, "app-properties").stream().map(p -> "--" + p).toList(),
        // JVM options of every application process: --app-jvm-options='-Xms1g;-XX:+UseZGC'.
        semicolonList(o, "app-jvm-options"),
        Long.parseLong(o.getOrDefault("seed", "20251128")));
  }

  /** The non-blank items of option {@code name}, separated by semicolons, stripped. */
  private static List<String> semicolonList(Map<String, String> options, String name) {
    return Arrays.stream(options.getOrDefault(name, "").split(";"))
        .filter(item -> !item.isBlank())
        .map(String::strip)
        .toList();
  }

  /**
   * The application jar, copied once per harness run into the runs folder: processes started later
   * in the run (restarted workers, memory runs) must not pick up a jar rebuilt meanwhile.
   */
  Path appJar() {
    Path copy = workDir().resolve("clinicflow-" + ProcessHandle.current().pid() + ".jar");
    try {
      if (!java.nio.file.Files.exists(copy)) {
        java.nio.file.Files.createDirectories(copy.getParent());
        java.nio.file.Files.copy(jar, copy);
        copy.toFile().deleteOnExit();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return copy;
  }

  Path workDir() {
    return root.resolve("bench/target/runs");
  }

  Path docs() {
    return root.resolve("docs");
  }
}
