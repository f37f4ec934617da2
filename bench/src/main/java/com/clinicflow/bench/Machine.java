package com.clinicflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the software, for the report. */
final class Machine {

  private Machine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "?";
  }

  static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "?";
  }

  /**
   * Single-thread SHA-256 throughput in MB/s over about {@code seconds}, measured before the run
   * starts anything: a speed reference for comparing pages. Two machines of this kind, both "2
   * cores, AMD EPYC", spent 10.6 and 18.9 ms of the application's CPU per message at 100 msg/s on
   * the same code; the model line does not tell them apart.
   */
  static double sha256MegabytesPerSecond(double seconds) {
    byte[] block = new byte[1 << 20];
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < 64; i++) {
      sha.update(block); // the JIT's warm-up, not counted
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long megabytes = 0;
    while (System.nanoTime() < end) {
      sha.update(block);
      megabytes++;
    }
    sha.digest();
    return megabytes / ((System.nanoTime() - start) / 1e9);
  }

  static String kernel() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** First line of {@code java -version}. */
  static String javaVersion(String java) {
    List<String> out = run(List.of(java, "-version"));
    return out.isEmpty() ? "?" : String.join(" / ", out.subList(0, Math.min(2, out.size())));
  }

  static String gitCommit(Path root) {
    List<String> out = run(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"));
    List<String> dirty = run(List.of("git", "-C", root.toString(), "status", "--porcelain"));
    String commit = out.isEmpty() ? "?" : out.get(0);
    return dirty.isEmpty() ? commit : commit + " (with uncommitted changes)";
  }

  static List<String> run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      List<String> lines = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          lines.add(line.trim());
        }
      }
      return lines;
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
