package com.clinicflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One line per message of a step, timed by the wall clock, beside the application's GC log: a slow
 * acknowledgement or turn can then be matched against what the application was doing at that moment
 * (a collection, a checkpoint) instead of guessed at from percentiles.
 */
final class MessageLog {

  /** {@link System#nanoTime()} plus this is nanoseconds since the epoch, in this JVM. */
  private static final long EPOCH_OFFSET_NANOS =
      System.currentTimeMillis() * 1_000_000L - System.nanoTime();

  private MessageLog() {}

  /** A {@link System#nanoTime()} of this JVM as milliseconds since the epoch. */
  static double epochMillis(long nanoTime) {
    return (nanoTime + EPOCH_OFFSET_NANOS) / 1e6;
  }

  static void write(Path file, List<Tracker.Message> messages, long deliberateWaitMillis) {
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write(
          "intended_epoch_ms,ack_ms,ack_status,end_to_end_ms,overhead_ms,before_model_ms,"
              + "after_model_ms,replies\n");
      for (Tracker.Message m : messages) {
        boolean answered = m.replies.get() > 0;
        boolean modelled = m.modelled();
        out.write(
            String.join(
                    ",",
                    String.format(Locale.ROOT, "%.3f", epochMillis(m.intendedNanos)),
                    m.ackNanos == 0 ? "" : millis(m.ackNanos - m.intendedNanos),
                    Integer.toString(m.ackStatus),
                    answered ? millis(m.endToEndNanos()) : "",
                    modelled ? millis(m.overheadNanos(deliberateWaitMillis)) : "",
                    modelled ? millis(m.beforeModelNanos(deliberateWaitMillis)) : "",
                    modelled ? millis(m.afterModelNanos()) : "",
                    Integer.toString(m.replies.get()))
                + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
