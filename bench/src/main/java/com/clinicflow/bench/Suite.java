package com.clinicflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The performance suite: warm-up, a sweep of offered rates against the application, the direct
 * baseline at the main rate, memory on JDK 17 and 25; then docs/benchmarks.md and the chart.
 */
final class Suite {

  private final Settings settings;

  Suite(Settings settings) {
    this.settings = settings;
  }

  /** The properties every application process of the bench gets. */
  static List<String> appProperties(
      Settings settings,
      Path dataDir,
      FakeGemini gemini,
      FakeEvolution evolution,
      List<String> extra) {
    List<String> p = new ArrayList<>();
    p.add("--clinicflow.data-dir=" + dataDir);
    p.add("--clinicflow.admin.token=" + Clinics.ADMIN_TOKEN);
    p.add("--clinicflow.evolution.webhook-secret=" + Webhooks.SECRET);
    p.add("--clinicflow.evolution.base-url=" + evolution.baseUrl());
    p.add("--clinicflow.evolution.api-key=bench-evolution-key");
    p.add("--clinicflow.gemini.base-url=" + gemini.baseUrl() + "/");
    p.add("--clinicflow.gemini.api-key=bench-gemini-key");
    p.add("--clinicflow.conversation.debounce=" + settings.debounce());
    p.add("--clinicflow.temporal.workflow-cache-size=" + settings.workflowCache());
    p.addAll(settings.appProperties());
    p.addAll(extra);
    return p;
  }

  /** Runs a step with the disk probe beside it; the flushes go to the report with the step. */
  private static LoadStep.Result probingTheDisk(
      Path runDir, Report report, Supplier<LoadStep.Result> step) {
    FsyncProbe disk = FsyncProbe.start(runDir);
    LoadStep.Result result = step.get();
    report.fsync.put(result, disk.stop());
    return result;
  }

  /** The bench JVM's own GC pauses during a baseline step, when it keeps a GC log. */
  private void benchPauses(Report report, LoadStep.Result step) {
    List<GcPauses.Pause> pauses = GcPauses.ofThisJvm(settings.workDir());
    if (pauses != null) {
      report.pauses.put(step, GcPauses.of(pauses, step.messages(), step.deliberateWaitMillis()));
    }
  }

  void run() throws Exception {
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = settings.workDir().resolve("suite-" + runId);
    Files.createDirectories(runDir);
    Bench.log("suite %s: logs in %s", runId, runDir);
    Report report = new Report(settings, runId);
    report.loadAtStart = ProcStat.loadAverage();
    report.cpuSpeed = Machine.sha256MegabytesPerSecond(3);
    report.java17 = Machine.javaVersion(settings.java17());
    report.java25 = Machine.javaVersion(settings.java25());
    report.benchJava =
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version");

    Tracker tracker = new Tracker();
    try (FakeGemini gemini =
            new FakeGemini(tracker, settings.geminiMillis(), settings.geminiJitterMillis());
        FakeEvolution evolution = new FakeEvolution(tracker, settings.evolutionMillis())) {
      int pgPort = AppProcess.freePort();
      AppProcess app =
          AppProcess.start(
                  "app",
                  settings.java17(),
                  settings.appJar(),
                  runDir,
                  AppProcess.freePort(),
                  settings.appJvmOptions(),
                  appProperties(
                      settings,
                      runDir.resolve("app-data"),
                      gemini,
                      evolution,
                      List.of(
                          "--clinicflow.embedded-postgres-port=" + pgPort,
                          "--clinicflow.temporal.embedded-port=" + AppProcess.freePort())))
              .withPostgresDataDir(runDir.resolve("app-data/postgres"));
      try {
        long started = System.nanoTime();
        app.awaitHealthy(Duration.ofMinutes(4));
        report.appStartSeconds = (System.nanoTime() - started) / 1e9;
        Clinics clinics = Clinics.create(app.url("/"), settings.tenants());
        Webhooks webhooks = new Webhooks(app.url("/"));
        LoadStep.Target target = LoadStep.webhooks(webhooks, settings.debounce().toMillis());
        int series = 1;
        LoadStep.run(
            "warm-up",
            settings.warmupRate(),
            settings.warmupSeconds(),
            clinics.patients(series++, settings.conversations()),
            tracker,
            target,
            app,
            120);
        if (settings.sweep()) {
          for (double rate : settings.rates()) {
            int seconds =
                rate == settings.mainRate() ? settings.mainSeconds() : settings.stepSeconds();
            List<Clinics.Patient> patients = clinics.patients(series++, settings.conversations());
            LoadStep.Result r =
                probingTheDisk(
                    runDir,
                    report,
                    () ->
                        LoadStep.run(
                            String.format("clinicflow %.0f/s", rate),
                            rate,
                            seconds,
                            patients,
                            tracker,
                            target,
                            app,
                            180));
            report.sweep.add(r);
            MessageLog.write(
                runDir.resolve(String.format("clinicflow-%.0f-messages.csv", rate)),
                r.messages(),
                r.deliberateWaitMillis());
            report.pauses.put(
                r,
                GcPauses.of(GcPauses.read(runDir, "app"), r.messages(), r.deliberateWaitMillis()));
            if (r.unanswered() > r.sent() / 10) {
              Bench.log("backlog not drained at %.0f/s: higher rates skipped", rate);
              break;
            }
          }
        }
        if (report.main() == null) {
          report.sweep.add(
              LoadStep.run(
                  String.format("clinicflow %.0f/s", settings.mainRate()),
                  settings.mainRate(),
                  settings.mainSeconds(),
                  clinics.patients(series++, settings.conversations()),
                  tracker,
                  target,
                  app,
                  180));
        }
        if (settings.cacheStep()) {
          // With a workflow cache smaller than the conversations (--workflow-cache), conversations
          // served in turn miss it on every message; 500 conversations show what the misses cost.
          report.fitsInCache =
              LoadStep.run(
                  String.format("clinicflow %.0f/s, 500 conversations", settings.mainRate()),
                  settings.mainRate(),
                  settings.stepSeconds(),
                  clinics.patients(series++, 500),
                  tracker,
                  target,
                  app,
                  180);
        }
        if (settings.baseline()) {
          try (Baseline baseline =
              new Baseline(
                  "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                  gemini.baseUrl(),
                  evolution.baseUrl())) {
            LoadStep.run(
                "baseline warm-up",
                settings.warmupRate(),
                settings.warmupSeconds(),
                clinics.patients(series++, settings.conversations()),
                tracker,
                baseline,
                null,
                120);
            // Also below saturation, to compare the overheads where both keep up.
            LoadStep.Result kept = report.comparison();
            if (kept != null && kept.offeredRate() != settings.mainRate()) {
              List<Clinics.Patient> patients = clinics.patients(series++, settings.conversations());
              report.baselineAtSustained =
                  probingTheDisk(
                      runDir,
                      report,
                      () ->
                          LoadStep.run(
                              String.format("baseline %.0f/s", kept.offeredRate()),
                              kept.offeredRate(),
                              settings.stepSeconds(),
                              patients,
                              tracker,
                              baseline,
                              null,
                              180));
              benchPauses(report, report.baselineAtSustained);
            }
            List<Clinics.Patient> patients = clinics.patients(series++, settings.conversations());
            report.baseline =
                probingTheDisk(
                    runDir,
                    report,
                    () ->
                        LoadStep.run(
                            String.format("baseline %.0f/s", settings.mainRate()),
                            settings.mainRate(),
                            settings.mainSeconds(),
                            patients,
                            tracker,
                            baseline,
                            null,
                            180));
            benchPauses(report, report.baseline);
            report.baselineFailures = baseline.failures.get();
          }
        }
        report.geminiCalls = gemini.calls.get();
      } finally {
        app.stop();
      }

      if (settings.memory()) {
        gemini.latency(50, 10);
        report.memoryGeminiMillis = 50;
        report.memory.add(
            MemoryRun.run(
                "jdk17", settings.java17(), settings, tracker, gemini, evolution, runDir));
        report.memory.add(
            MemoryRun.run(
                "jdk25", settings.java25(), settings, tracker, gemini, evolution, runDir));
        gemini.latency(settings.geminiMillis(), settings.geminiJitterMillis());
      }
    }
    report.loadAtEnd = ProcStat.loadAverage();
    report.write();
    Bench.log("wrote %s", settings.docs().resolve("benchmarks.md"));
  }
}
