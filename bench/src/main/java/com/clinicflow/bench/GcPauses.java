package com.clinicflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's stop-the-world pauses, read back from the GC log the bench has every
 * application JVM write ({@link AppProcess}), and how much of a step's slow messages they explain:
 * a slow acknowledgement that spent its time in a pause was the collector's, one that did not was
 * waiting for something else (a core, a lock, the database).
 */
final class GcPauses {

  /** One pause; times in milliseconds since the epoch. */
  record Pause(double startMillis, double endMillis) {
    double millis() {
      return endMillis - startMillis;
    }
  }

  /** What the pauses did to one step. */
  record Step(
      int pauses,
      double pausedMillis,
      double longestMillis,
      double stepMillis,
      Share slowAcks,
      Share slowTurns) {}

  /** Messages slower than a threshold, and the part of their time spent in pauses. */
  record Share(int messages, double millis, double inPausesMillis) {
    double fraction() {
      return millis == 0 ? Double.NaN : inPausesMillis / millis;
    }
  }

  static final double SLOW_ACK_MILLIS = 10;
  static final double SLOW_TURN_MILLIS = 60;

  // [2026-11-29T01:29:47.355+0000][259.949s] GC(135) Pause Young (Normal) (G1 Evacuation Pause)
  // 994M->902M(1340M) 46.483ms -- the wall-clock time is the end of the pause.
  private static final Pattern PAUSE =
      Pattern.compile("^\\[([^]]+)]\\[[^]]+] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private GcPauses() {}

  /** The JVM option that has a process named {@code name} write the log {@link #read} reads. */
  static String logOption(Path logDir, String name) {
    return "-Xlog:gc:file=" + logDir.resolve(name + "-gc-%p.log") + ":time,uptime";
  }

  /** The pauses of every JVM named {@code name} in {@code logDir} (a relaunch has its own file). */
  static List<Pause> read(Path logDir, String name) {
    List<Pause> pauses = new ArrayList<>();
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(logDir, name + "-gc-*.log")) {
      for (Path log : logs) {
        pauses.addAll(readFile(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pauses.sort(Comparator.comparingDouble(Pause::startMillis));
    return pauses;
  }

  /**
   * The bench's own pauses, when it was started with a GC log as {@code bench/run.sh} does (the
   * same option as {@link #logOption}, named {@code bench}): the baseline's turns run in this JVM,
   * so its pauses are theirs.
   */
  static List<Pause> ofThisJvm(Path runsDir) {
    Path log = runsDir.resolve("bench-gc-" + ProcessHandle.current().pid() + ".log");
    return Files.exists(log) ? readFile(log) : null;
  }

  private static List<Pause> readFile(Path log) {
    List<Pause> pauses = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(log)) {
        Pause pause = parse(line);
        if (pause != null) {
          pauses.add(pause);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pauses.sort(Comparator.comparingDouble(Pause::startMillis));
    return pauses;
  }

  static Pause parse(String line) {
    Matcher m = PAUSE.matcher(line.strip());
    if (!m.matches()) {
      return null;
    }
    double end = OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
    return new Pause(end - Double.parseDouble(m.group(2)), end);
  }

  /** The pauses during a step's messages and the slow messages' time spent in them. */
  static Step of(List<Pause> pauses, List<Tracker.Message> messages, long deliberateWaitMillis) {
    if (messages.isEmpty()) {
      return new Step(0, 0, 0, 0, new Share(0, 0, 0), new Share(0, 0, 0));
    }
    double first = Double.MAX_VALUE;
    double last = 0;
    int slowAcks = 0;
    double ackMillis = 0;
    double ackPaused = 0;
    int slowTurns = 0;
    double turnMillis = 0;
    double turnPaused = 0;
    for (Tracker.Message m : messages) {
      double intended = MessageLog.epochMillis(m.intendedNanos);
      first = Math.min(first, intended);
      if (m.ackNanos != 0) {
        double ack = (m.ackNanos - m.intendedNanos) / 1e6;
        if (ack > SLOW_ACK_MILLIS) {
          slowAcks++;
          ackMillis += ack;
          ackPaused += pausedBetween(pauses, intended, intended + ack);
        }
      }
      if (m.modelled()) {
        double endToEnd = m.endToEndNanos() / 1e6;
        double overhead = m.overheadNanos(deliberateWaitMillis) / 1e6;
        last = Math.max(last, intended + endToEnd);
        if (overhead > SLOW_TURN_MILLIS) {
          slowTurns++;
          turnMillis += overhead;
          // A pause during the model's call delayed nothing: the fake answers on its own clock.
          double called = MessageLog.epochMillis(m.geminiCalledNanos);
          double answered = MessageLog.epochMillis(m.geminiAnsweredNanos);
          turnPaused +=
              pausedBetween(pauses, intended, called)
                  + pausedBetween(pauses, answered, intended + endToEnd);
        }
      }
    }
    int count = 0;
    double paused = 0;
    double longest = 0;
    for (Pause p : pauses) {
      if (p.endMillis() >= first && p.startMillis() <= last) {
        count++;
        paused += p.millis();
        longest = Math.max(longest, p.millis());
      }
    }
    return new Step(
        count,
        paused,
        longest,
        Math.max(0, last - first),
        new Share(slowAcks, ackMillis, ackPaused),
        new Share(slowTurns, turnMillis, turnPaused));
  }

  /** Milliseconds of pauses inside {@code [from, to]}. */
  static double pausedBetween(List<Pause> pauses, double from, double to) {
    double total = 0;
    for (Pause p : pauses) {
      if (p.startMillis() > to) {
        break;
      }
      total += Math.max(0, Math.min(to, p.endMillis()) - Math.max(from, p.startMillis()));
    }
    return total;
  }
}
