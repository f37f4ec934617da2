package com.clinicflow.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One step of constant arrival rate (open model): message {@code i} is due at {@code start +
 * i/rate} whatever happened to the ones before, and every latency is measured from that intended
 * time, so a stalled system cannot hide its stall by slowing the generator down (coordinated
 * omission). Then waits for the replies to drain and computes the step's numbers.
 */
final class LoadStep {

  /** What the step does with a due message: post its webhook, or run the baseline turn. */
  interface Target {
    void fire(Tracker.Message message, Recorder recorder);

    /** Milliseconds of each message's end-to-end time that are deliberate waiting. */
    long deliberateWaitMillis();
  }

  /** Thread-safe recording of acknowledgements. */
  static final class Recorder {
    final Histogram ackFromIntended = histogram();
    final Histogram ackService = histogram();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    synchronized void ack(Tracker.Message m, long actualSendNanos, int status, long doneNanos) {
      m.ackNanos = doneNanos;
      m.ackStatus = status;
      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      ackFromIntended.recordValue(micros(doneNanos - m.intendedNanos));
      ackService.recordValue(micros(doneNanos - actualSendNanos));
    }
  }

  /** A step's acknowledgements and overheads after its first seconds ({@link Result#after}). */
  record Tail(Histogram ack, Histogram overhead) {}

  record Result(
      String label,
      double offeredRate,
      int seconds,
      int sent,
      Histogram ackFromIntended,
      Histogram ackService,
      Map<Integer, Integer> statuses,
      int answered,
      int duplicates,
      int unanswered,
      Histogram endToEnd,
      Histogram overhead,
      Histogram beforeModel,
      Histogram afterModel,
      double throughput,
      int maxOutstanding,
      double drainSeconds,
      long deliberateWaitMillis,
      double appCpuMillisPerMessage,
      double childCpuMillisPerMessage,
      double benchCpuMillisPerMessage,
      Map<String, Double> tenantReads,
      String loadBefore,
      String loadAfter,
      List<Tracker.Message> messages) {

    /**
     * Acknowledgement and overhead of the messages due at least {@code skipSeconds} after the
     * step's first, whose first 1,000 messages each start a conversation.
     */
    Tail after(int skipSeconds) {
      Tail tail = new Tail(histogram(), histogram());
      long first = messages.stream().mapToLong(m -> m.intendedNanos).min().orElse(0);
      long from = first + skipSeconds * 1_000_000_000L;
      for (Tracker.Message m : messages) {
        if (m.intendedNanos < from) {
          continue;
        }
        if (m.ackNanos > 0) {
          tail.ack().recordValue(micros(m.ackNanos - m.intendedNanos));
        }
        if (m.modelled()) {
          tail.overhead().recordValue(micros(m.overheadNanos(deliberateWaitMillis)));
        }
      }
      return tail;
    }

    int errors() {
      int bad = 0;
      for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
        if (e.getKey() != 200) {
          bad += e.getValue();
        }
      }
      return bad + unanswered + duplicates;
    }

    double tenantReadsPerMessage() {
      if (tenantReads == null || sent == 0) {
        return Double.NaN;
      }
      double reads = 0;
      for (Map.Entry<String, Double> e : tenantReads.entrySet()) {
        if (!e.getKey().equals("change_check")) {
          reads += e.getValue();
        }
      }
      return reads / sent;
    }
  }

  static Histogram histogram() {
    return new Histogram(3_600_000_000L, 3);
  }

  static long micros(long nanos) {
    return Math.max(0, Math.min(3_600_000_000L, nanos / 1_000));
  }

  /**
   * @param app the application process whose CPU and metrics are read; null for the baseline
   * @param drainLimitSeconds how long to wait for the last replies after the last message
   */
  static Result run(
      String label,
      double rate,
      int seconds,
      List<Clinics.Patient> patients,
      Tracker tracker,
      Target target,
      AppProcess app,
      int drainLimitSeconds) {
    String loadBefore = ProcStat.loadAverage();
    int count = (int) Math.round(rate * seconds);
    Recorder recorder = new Recorder();
    List<Tracker.Message> messages = Collections.synchronizedList(new ArrayList<>(count));
    Map<String, Double> readsBefore = app == null ? null : Prometheus.tenantReads(app);
    AppProcess.CpuTimes cpuBefore = app == null ? null : app.cpu();
    long benchCpuBefore = benchCpuNanos();
    int[] maxOutstanding = {0};
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                int outstanding = 0;
                synchronized (messages) {
                  for (Tracker.Message m : messages) {
                    if (m.replies.get() == 0) {
                      outstanding++;
                    }
                  }
                }
                maxOutstanding[0] = Math.max(maxOutstanding[0], outstanding);
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "outstanding-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long start = System.nanoTime() + 20_000_000L;
    long interval = (long) (1_000_000_000L / rate);
    for (int i = 0; i < count; i++) {
      long intended = start + i * interval;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Clinics.Patient p = patients.get(i % patients.size());
      Tracker.Message m =
          tracker.newMessage(p.clinic().tenantId(), p.clinic().instance(), p.phone(), intended);
      messages.add(m);
      target.fire(m, recorder);
    }
    long offeredEnd = start + count * interval;
    Bench.log("%s: %d messages offered at %.0f/s; draining", label, count, rate);

    long drainDeadline = System.nanoTime() + drainLimitSeconds * 1_000_000_000L;
    long lastReply = 0;
    while (System.nanoTime() < drainDeadline) {
      int outstanding = 0;
      synchronized (messages) {
        for (Tracker.Message m : messages) {
          if (m.replies.get() == 0) {
            outstanding++;
          }
        }
      }
      if (outstanding == 0) {
        break;
      }
      Bench.sleep(200);
    }
    // Late duplicates of a crash or retry would show within a few seconds.
    Bench.sleep(2_000);
    sampler.interrupt();

    Histogram e2e = histogram();
    Histogram overhead = histogram();
    Histogram beforeModel = histogram();
    Histogram afterModel = histogram();
    int answered = 0;
    int duplicates = 0;
    int inWindow = 0;
    long windowStart = start + Math.min(5, seconds / 4) * 1_000_000_000L;
    long deliberate = target.deliberateWaitMillis();
    for (Tracker.Message m : messages) {
      int replies = m.replies.get();
      if (replies == 0) {
        continue;
      }
      answered++;
      if (replies > 1) {
        duplicates++;
      }
      lastReply = Math.max(lastReply, m.firstReplyNanos);
      if (m.firstReplyNanos >= windowStart && m.firstReplyNanos <= offeredEnd) {
        inWindow++;
      }
      e2e.recordValue(micros(m.endToEndNanos()));
      if (m.modelled()) {
        overhead.recordValue(micros(m.overheadNanos(deliberate)));
        // The same overhead on either side of the model's call (the rest is the fake's own
        // scheduling around its sleep): which half of the turn a slow message was slow in.
        beforeModel.recordValue(micros(m.beforeModelNanos(deliberate)));
        afterModel.recordValue(micros(m.afterModelNanos()));
      }
    }
    double throughput = inWindow / ((offeredEnd - windowStart) / 1e9);
    double drain = lastReply == 0 ? Double.NaN : Math.max(0, (lastReply - offeredEnd) / 1e9);

    double appCpu = Double.NaN;
    double childCpu = Double.NaN;
    Map<String, Double> reads = null;
    if (app != null) {
      AppProcess.CpuTimes cpuAfter = app.cpu();
      appCpu = (cpuAfter.jvmNanos() - cpuBefore.jvmNanos()) / 1e6 / count;
      childCpu = (cpuAfter.childrenNanos() - cpuBefore.childrenNanos()) / 1e6 / count;
      Map<String, Double> readsAfter = Prometheus.tenantReads(app);
      reads = new TreeMap<>();
      for (Map.Entry<String, Double> e : readsAfter.entrySet()) {
        reads.put(e.getKey(), e.getValue() - readsBefore.getOrDefault(e.getKey(), 0.0));
      }
    }
    double benchCpu = (benchCpuNanos() - benchCpuBefore) / 1e6 / count;
    Map<Integer, Integer> statuses = new TreeMap<>();
    recorder.statuses.forEach((k, v) -> statuses.put(k, v.get()));
    Result result =
        new Result(
            label,
            rate,
            seconds,
            count,
            recorder.ackFromIntended,
            recorder.ackService,
            statuses,
            answered,
            duplicates,
            count - answered,
            e2e,
            overhead,
            beforeModel,
            afterModel,
            throughput,
            maxOutstanding[0],
            drain,
            deliberate,
            appCpu,
            childCpu,
            benchCpu,
            reads,
            loadBefore,
            ProcStat.loadAverage(),
            List.copyOf(messages));
    Bench.log(
        "%s: answered %d/%d, dup %d, ack p99 %.1f ms, overhead p50 %.1f p99 %.1f ms (before the"
            + " model %.1f/%.1f, after %.1f/%.1f), %.1f msg/s, drain %.1f s",
        label,
        answered,
        count,
        duplicates,
        ms(recorder.ackFromIntended, 99),
        ms(overhead, 50),
        ms(overhead, 99),
        ms(beforeModel, 50),
        ms(beforeModel, 99),
        ms(afterModel, 50),
        ms(afterModel, 99),
        throughput,
        drain);
    return result;
  }

  static double ms(Histogram h, double percentile) {
    if (h == null || h.getTotalCount() == 0) {
      return Double.NaN;
    }
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  static double maxMs(Histogram h) {
    return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
  }

  static long benchCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  /** Posts each due message's webhook to the application. */
  static Target webhooks(Webhooks webhooks, long debounceMillis) {
    return new Target() {
      @Override
      public void fire(Tracker.Message m, Recorder recorder) {
        String body = Webhooks.body(m);
        long sent = System.nanoTime();
        webhooks.post(body).thenAccept(ack -> recorder.ack(m, sent, ack.status(), ack.doneNanos()));
      }

      @Override
      public long deliberateWaitMillis() {
        return debounceMillis;
      }
    };
  }
}
