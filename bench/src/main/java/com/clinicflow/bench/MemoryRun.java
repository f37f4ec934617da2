package com.clinicflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Heap per idle conversation: {@code temporal} role in one process, {@code api,worker} in another
 * (so the worker's heap does not include the Temporal server's in-memory histories), N
 * conversations started with one message each, answered, left idle; live heap after a full GC
 * (class histogram) before and after.
 */
final class MemoryRun {

  record Result(
      String label,
      String javaVersion,
      String threading,
      int conversations,
      int answered,
      long workerLiveBefore,
      long workerLiveAfter,
      long temporalLiveBefore,
      long temporalLiveAfter,
      long workerRssBeforeKb,
      long workerRssAfterKb,
      long workerThreadsBefore,
      long workerThreadsAfter,
      long temporalRssAfterKb,
      int followUps,
      long temporalLiveAfterFollowUps,
      String loadBefore,
      String loadAfter) {

    double workerBytesPerConversation() {
      return (workerLiveAfter - workerLiveBefore) / (double) conversations;
    }

    double temporalBytesPerConversation() {
      return (temporalLiveAfter - temporalLiveBefore) / (double) conversations;
    }

    /** What the embedded server keeps for each later message of a conversation it already has. */
    double temporalBytesPerFollowUp() {
      return (temporalLiveAfterFollowUps - temporalLiveAfter) / (double) followUps;
    }
  }

  /** Conversations that get a second message after the measurement of idle ones. */
  private static final int FOLLOW_UPS = 2_000;

  private MemoryRun() {}

  static Result run(
      String label,
      String java,
      Settings settings,
      Tracker tracker,
      FakeGemini gemini,
      FakeEvolution evolution,
      Path runDir) {
    String loadBefore = ProcStat.loadAverage();
    int temporalPort = AppProcess.freePort();
    AppProcess temporal =
        AppProcess.start(
            "memory-temporal-" + label,
            java,
            settings.appJar(),
            runDir,
            AppProcess.freePort(),
            settings.appJvmOptions(),
            List.of(
                "--clinicflow.roles=temporal",
                "--clinicflow.temporal.embedded-port=" + temporalPort));
    AppProcess app = null;
    try {
      temporal.awaitLog("Embedded Temporal server listening", Duration.ofMinutes(3));
      app =
          AppProcess.start(
              "memory-app-" + label,
              java,
              settings.appJar(),
              runDir,
              AppProcess.freePort(),
              settings.appJvmOptions(),
              Suite.appProperties(
                  settings,
                  runDir.resolve("memory-data-" + label),
                  gemini,
                  evolution,
                  List.of(
                      "--clinicflow.roles=api,worker",
                      "--clinicflow.temporal.address=127.0.0.1:" + temporalPort)));
      app.awaitHealthy(Duration.ofMinutes(3));
      String threading = threadingLine(app);
      Clinics clinics = Clinics.create(app.url("/"), settings.tenants());
      Webhooks webhooks = new Webhooks(app.url("/"));
      LoadStep.Target target = LoadStep.webhooks(webhooks, settings.debounce().toMillis());
      // Warm-up: classes loaded, pools filled, JIT done, before the first measurement.
      LoadStep.run(
          label + " memory warm-up", 20, 10, clinics.patients(70, 200), tracker, target, app, 120);
      Bench.sleep(5_000);
      long workerBefore = liveHeap(java, app.pid(), histogram(runDir, label, "worker-before"));
      long temporalBefore =
          liveHeap(java, temporal.pid(), histogram(runDir, label, "temporal-before"));
      long rssBefore = ProcStat.status(app.pid(), "VmRSS");
      long threadsBefore = ProcStat.status(app.pid(), "Threads");
      int n = settings.memoryConversations();
      double rate = settings.memoryRate();
      LoadStep.Result load =
          messageEach(label + " memory " + n, n, rate, clinics, tracker, target, app);
      long workerAfter = liveHeap(java, app.pid(), histogram(runDir, label, "worker-after"));
      long temporalAfter =
          liveHeap(java, temporal.pid(), histogram(runDir, label, "temporal-after"));
      long workerRssAfter = ProcStat.status(app.pid(), "VmRSS");
      long workerThreadsAfter = ProcStat.status(app.pid(), "Threads");
      String loadAfter = ProcStat.loadAverage();
      // A second message to some of the idle conversations: the server's heap for a later turn of
      // a conversation it already holds. The test server never drops a history, ended or not, so
      // this is what the embedded mode's heap grows by per message for as long as it runs.
      int followUps = Math.min(n, FOLLOW_UPS);
      messageEach(
          label + " memory follow-ups " + followUps,
          followUps,
          rate,
          clinics,
          tracker,
          target,
          app);
      long temporalAfterFollowUps =
          liveHeap(java, temporal.pid(), histogram(runDir, label, "temporal-after-follow-ups"));
      Result result =
          new Result(
              label,
              Machine.javaVersion(java),
              threading,
              load.sent(),
              load.answered(),
              workerBefore,
              workerAfter,
              temporalBefore,
              temporalAfter,
              rssBefore,
              workerRssAfter,
              threadsBefore,
              workerThreadsAfter,
              ProcStat.status(temporal.pid(), "VmRSS"),
              followUps,
              temporalAfterFollowUps,
              loadBefore,
              loadAfter);
      Bench.log(
          "memory %s: worker %+.1f KiB/conversation, temporal server %+.1f KiB/conversation"
              + " and %+.1f KiB per later message, threads %d -> %d",
          label,
          result.workerBytesPerConversation() / 1024,
          result.temporalBytesPerConversation() / 1024,
          result.temporalBytesPerFollowUp() / 1024,
          threadsBefore,
          result.workerThreadsAfter());
      return result;
    } finally {
      if (app != null) {
        app.stop();
      }
      temporal.stop();
    }
  }

  /**
   * One message to each of the first {@code count} conversations of the measured series, then a
   * wait until every one is idle (debounce long over, waiting for its next message).
   */
  private static LoadStep.Result messageEach(
      String step,
      int count,
      double rate,
      Clinics clinics,
      Tracker tracker,
      LoadStep.Target target,
      AppProcess app) {
    LoadStep.Result result =
        LoadStep.run(
            step,
            rate,
            (int) Math.ceil(count / rate),
            clinics.patients(71, count),
            tracker,
            target,
            app,
            600);
    Bench.sleep(15_000);
    return result;
  }

  /** Where the top of a class histogram is kept: the evidence of what a conversation costs. */
  private static Path histogram(Path runDir, String label, String when) {
    return runDir.resolve("memory-" + label + "-" + when + ".histogram.txt");
  }

  /**
   * Bytes of live objects: {@code jcmd GC.class_histogram} runs a full GC first. The histogram's
   * largest classes go to {@code keepTop}.
   */
  static long liveHeap(String java, long pid, Path keepTop) {
    String jcmd = Path.of(java).getParent().resolve("jcmd").toString();
    List<String> out = Machine.run(List.of(jcmd, Long.toString(pid), "GC.class_histogram"));
    try {
      Files.write(keepTop, out.subList(0, Math.min(out.size(), 60)));
    } catch (IOException e) {
      Bench.log("histogram not kept in %s: %s", keepTop, e.getMessage());
    }
    for (int i = out.size() - 1; i >= 0; i--) {
      String line = out.get(i);
      if (line.startsWith("Total")) {
        String[] f = line.split("\\s+");
        return Long.parseLong(f[2]);
      }
    }
    throw new IllegalStateException("no class histogram from " + jcmd + ": " + out);
  }

  /** The worker's start-up line saying platform or virtual threads. */
  private static String threadingLine(AppProcess app) {
    try {
      for (String line : Files.readAllLines(app.log)) {
        int i = line.indexOf("with platform threads");
        if (i < 0) {
          i = line.indexOf("with virtual threads");
        }
        if (i >= 0) {
          return line.substring(i + 5).trim();
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "?";
  }
}
