package com.clinicflow.bench;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Entry point; see {@code bench/run.sh} and docs/benchmarks.md. */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Settings settings = Settings.parse(args);
    switch (settings.mode()) {
      case "suite" -> new Suite(settings).run();
      case "crash", "redelivery", "storms", "dbrestart", "fuzz" ->
          new Reliability(settings).run(settings.mode());
      case "reliability" -> {
        Reliability reliability = new Reliability(settings);
        for (String scenario :
            new String[] {"redelivery", "storms", "fuzz", "dbrestart", "crash"}) {
          reliability.run(scenario);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "mode: suite | crash | redelivery | storms | dbrestart | fuzz | reliability");
    }
    System.exit(0);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static void log(String format, Object... args) {
    System.out.printf(
        "%tT [load %s] %s%n",
        System.currentTimeMillis(), ProcStat.loadAverage(), String.format(format, args));
    System.out.flush();
  }
}
