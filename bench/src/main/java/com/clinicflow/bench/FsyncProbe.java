package com.clinicflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.HdrHistogram.Histogram;

/**
 * How long the disk under the application's PostgreSQL takes to make a small write durable, sampled
 * through a step: every synchronous commit of a turn (its count, transcript and log lines) waits
 * for one such flush, so a slow flush stalls every turn committing at that moment.
 */
final class FsyncProbe {

  static final long INTERVAL_MILLIS = 50;

  private final Histogram micros = LoadStep.histogram();
  private final Path file;
  private final Thread thread;

  private FsyncProbe(Path dir) {
    this.file = dir.resolve("fsync-probe.bin");
    this.thread = new Thread(this::sample, "fsync-probe");
    thread.setDaemon(true);
  }

  /** Starts sampling a file in {@code dir}, which must be on the database's disk. */
  static FsyncProbe start(Path dir) {
    FsyncProbe probe = new FsyncProbe(dir);
    probe.thread.start();
    return probe;
  }

  private void sample() {
    ByteBuffer page = ByteBuffer.allocate(4096);
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (!Thread.currentThread().isInterrupted()) {
        page.clear();
        // Overwrite one page, as a WAL flush of a small commit does.
        channel.write(page, 0);
        long start = System.nanoTime();
        channel.force(false);
        synchronized (micros) {
          micros.recordValue(LoadStep.micros(System.nanoTime() - start));
        }
        Thread.sleep(INTERVAL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops sampling; the flushes' latencies in microseconds. */
  Histogram stop() {
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover 4 KiB file in the run's folder
    }
    synchronized (micros) {
      return micros.copy();
    }
  }
}
