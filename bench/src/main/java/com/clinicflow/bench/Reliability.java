package com.clinicflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Reliability scenarios against the real application: worker crashes, redelivered webhooks, Gemini
 * storms, a database restart, hostile webhooks. Each ends with the same check, made from the fakes'
 * records only: every message answered exactly once.
 */
final class Reliability {

  private final Settings settings;
  private final Path runDir;
  private final Random random;

  Reliability(Settings settings) {
    this.settings = settings;
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    this.runDir = settings.workDir().resolve("reliability-" + runId);
    this.random = new Random(settings.seed());
  }

  /** What became of a scenario's messages. */
  record Outcome(
      int messages,
      int exactlyOnce,
      int fallbackOnly,
      int lost,
      int duplicated,
      List<String> examples) {

    boolean allOnce() {
      return lost == 0 && duplicated == 0;
    }
  }

  void run(String scenario) throws Exception {
    Files.createDirectories(runDir);
    Bench.log("reliability %s: logs in %s", scenario, runDir);
    String loadBefore = ProcStat.loadAverage();
    String commit = Machine.gitCommit(settings.root());
    long started = System.nanoTime();
    String section =
        switch (scenario) {
          case "redelivery" -> redelivery();
          case "storms" -> storms();
          case "dbrestart" -> dbRestart();
          case "crash" -> crash();
          case "fuzz" -> fuzz();
          default -> throw new IllegalArgumentException(scenario);
        };
    String header =
        String.format(
            "_Run %s (%s), %.0f s, load averages before %s, after %s; ClinicFlow commit %s;"
                + " Gemini fake %d ms ± %d ms, Evolution fake %d ms, debounce %s; logs in"
                + " `%s`._%n%n",
            runDir.getFileName(),
            ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            (System.nanoTime() - started) / 1e9,
            loadBefore,
            ProcStat.loadAverage(),
            commit,
            settings.geminiMillis(),
            settings.geminiJitterMillis(),
            settings.evolutionMillis(),
            settings.debounce(),
            settings.root().relativize(runDir));
    writeSection(scenario, header + section);
  }

  // --- scenarios --------------------------------------------------------------------------

  /** Every webhook posted 1–3 times, copies spread over 3 s and interleaved. */
  private String redelivery() throws Exception {
    Tracker tracker = new Tracker();
    try (FakeGemini gemini = gemini(tracker);
        FakeEvolution evolution = new FakeEvolution(tracker, settings.evolutionMillis())) {
      AppProcess app = combinedApp("redelivery", gemini, evolution, List.of());
      try {
        Clinics clinics = Clinics.create(app.url("/"), settings.tenants());
        Webhooks webhooks = new Webhooks(app.url("/"));
        List<Clinics.Patient> patients = clinics.patients(40, 300);
        record Copy(long atNanos, Tracker.Message message, String body) {}
        List<Copy> copies = new ArrayList<>();
        List<Tracker.Message> messages = new ArrayList<>();
        long start = System.nanoTime() + 1_000_000_000L;
        double window = 40e9;
        int copiesTotal = 0;
        for (int c = 0; c < patients.size(); c++) {
          Clinics.Patient p = patients.get(c);
          long base = start + (long) (c * window / patients.size());
          boolean burst = c % 2 == 0;
          for (int k = 0; k < 3; k++) {
            long at =
                burst ? base + k * 300_000_000L : base + (long) (k * window / 3) % (long) window;
            Tracker.Message m =
                tracker.newMessage(p.clinic().tenantId(), p.clinic().instance(), p.phone(), at);
            messages.add(m);
            String body = Webhooks.body(m);
            int n = 1 + random.nextInt(3);
            copiesTotal += n;
            for (int i = 0; i < n; i++) {
              copies.add(new Copy(at + (long) (random.nextDouble() * 3e9), m, body));
            }
          }
        }
        copies.sort((a, b) -> Long.compare(a.atNanos, b.atNanos));
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        for (Copy copy : copies) {
          LockSupport.parkNanos(copy.atNanos - System.nanoTime());
          pending.add(webhooks.postRetrying(copy.body, 30, count(outcomes)));
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
        Outcome o = await(tracker, messages, 180);
        return String.format(
                "**Redelivery.** %d messages to %d conversations (half of them in bursts of three"
                    + " within 0.6 s, which the conversation answers as one turn), each webhook"
                    + " posted 1–3 times (%d posts), the copies spread over 3 s and interleaved; a 5xx is"
                    + " posted again after 1 s, as Evolution retries."
                    + " Acknowledgements: %s.%n%n",
                messages.size(), patients.size(), copiesTotal, new TreeMap<>(toInts(outcomes)))
            + outcomeTable(o)
            + verdict(o, "exactly one reply per message");
      } finally {
        app.stop();
      }
    }
  }

  /** Gemini answers 429 for two 6 s windows and 500 to 15 % of the other calls. */
  private String storms() throws Exception {
    Tracker tracker = new Tracker();
    try (FakeGemini gemini = gemini(tracker);
        FakeEvolution evolution = new FakeEvolution(tracker, settings.evolutionMillis())) {
      AppProcess app = combinedApp("storms", gemini, evolution, List.of());
      try {
        Clinics clinics = Clinics.create(app.url("/"), settings.tenants());
        Webhooks webhooks = new Webhooks(app.url("/"));
        long t0 = System.nanoTime();
        Random faults = new Random(settings.seed() + 1);
        gemini.faults(
            (ids, now) -> {
              double s = (now - t0) / 1e9;
              if ((s >= 10 && s < 16) || (s >= 35 && s < 41)) {
                return 429;
              }
              synchronized (faults) {
                return faults.nextDouble() < 0.15 ? 500 : 200;
              }
            });
        Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
        List<Tracker.Message> messages =
            openLoad(tracker, webhooks, clinics.patients(41, 600), 10, 60, 30, acks);
        Outcome o = await(tracker, messages, 240);
        return String.format(
                "**Gemini 429 storms and 500s.** %d messages, one per conversation, 10/s for 60 s."
                    + " The fake Gemini answered 429 RESOURCE_EXHAUSTED to every call during two"
                    + " 6-second storms and 500 INTERNAL to 15 %% of the other calls: %d calls, %d"
                    + " answered 429, %d answered 500. ClinicFlow retries 429 after 10 s and 500"
                    + " after 1, 2, 4, 8 … s, eight attempts in all; a turn that spends them sends the"
                    + " clinic's fallback message once and is tried again by itself 5 minutes"
                    + " later, or sooner by an operator (decision 0028): later than this run"
                    + " waits. Webhook answers: %s.%n%n",
                messages.size(),
                gemini.calls.get(),
                gemini.rateLimited.get(),
                gemini.serverErrors.get(),
                new TreeMap<>(toInts(acks)))
            + outcomeTable(o)
            + verdict(o, "nothing lost, no duplicates");
      } finally {
        app.stop();
      }
    }
  }

  /** PostgreSQL stopped (fast shutdown) for 10 s in the middle of a steady load. */
  private String dbRestart() throws Exception {
    Tracker tracker = new Tracker();
    try (FakeGemini gemini = gemini(tracker);
        FakeEvolution evolution = new FakeEvolution(tracker, settings.evolutionMillis());
        HarnessPostgres postgres = new HarnessPostgres(runDir.resolve("dbrestart-pg"))) {
      AppProcess app = combinedApp("dbrestart", gemini, evolution, postgres.appProperties());
      try {
        Clinics clinics = Clinics.create(app.url("/"), settings.tenants());
        Webhooks webhooks = new Webhooks(app.url("/"));
        AtomicBoolean restarted = new AtomicBoolean();
        Thread restarter =
            new Thread(
                () -> {
                  Bench.sleep(20_000);
                  Bench.log("stopping PostgreSQL");
                  postgres.stop();
                  Bench.sleep(10_000);
                  Bench.log("starting PostgreSQL");
                  postgres.start();
                  restarted.set(true);
                });
        restarter.start();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<Tracker.Message> messages =
            openLoad(tracker, webhooks, clinics.patients(42, 300), 10, 60, 120, attempts);
        restarter.join();
        Outcome o = await(tracker, messages, 240);
        return String.format(
                "**Database restart.** %d messages to 300 conversations, 10/s for 60 s;"
                    + " PostgreSQL (owned by the harness, fsync on) stopped with a fast shutdown"
                    + " 20 s in and started again 10 s later%s. Webhooks refused meanwhile were"
                    + " posted again every second, as Evolution retries. Answers to the webhook"
                    + " posts: %s.%n%n",
                messages.size(),
                restarted.get() ? "" : " (restart failed)",
                new TreeMap<>(toInts(attempts)))
            + outcomeTable(o)
            + verdict(o, "nothing lost");
      } finally {
        app.stop();
      }
    }
  }

  /**
   * Roles split over three processes (temporal, api, worker) and the harness's PostgreSQL; the
   * worker is SIGKILLed {@code kills} times under steady load and started again each time.
   */
  private String crash() throws Exception {
    Tracker tracker = new Tracker();
    try (FakeGemini gemini = gemini(tracker);
        FakeEvolution evolution = new FakeEvolution(tracker, settings.evolutionMillis());
        HarnessPostgres postgres = new HarnessPostgres(runDir.resolve("crash-pg"))) {
      int temporalPort = AppProcess.freePort();
      AppProcess temporal =
          AppProcess.start(
              "crash-temporal",
              settings.java17(),
              settings.appJar(),
              runDir,
              AppProcess.freePort(),
              settings.appJvmOptions(),
              List.of(
                  "--clinicflow.roles=temporal",
                  "--clinicflow.temporal.embedded-port=" + temporalPort));
      AppProcess api = null;
      AppProcess worker = null;
      try {
        temporal.awaitLog("Embedded Temporal server listening", Duration.ofMinutes(3));
        List<String> common = new ArrayList<>(postgres.appProperties());
        common.add("--clinicflow.temporal.address=127.0.0.1:" + temporalPort);
        api = role("crash-api", "api", gemini, evolution, common);
        api.awaitHealthy(Duration.ofMinutes(3));
        List<String> workerProps = new ArrayList<>(common);
        // The embedded temporal role never takes tasks back from a dead worker's sticky queue.
        workerProps.add("--clinicflow.temporal.sticky-execution=" + settings.workerSticky());
        worker = role("crash-worker", "worker", gemini, evolution, workerProps);
        worker.awaitHealthy(Duration.ofMinutes(3));
        Clinics clinics = Clinics.create(api.url("/"), settings.tenants());
        Webhooks webhooks = new Webhooks(api.url("/"));
        double rate = settings.reliabilityRate();
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        List<Tracker.Message> messages = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
        List<Clinics.Patient> patients = clinics.patients(43, settings.conversations());
        Thread load =
            new Thread(
                () -> {
                  long start = System.nanoTime();
                  long interval = (long) (1e9 / rate);
                  for (int i = 0; loadRunning.get(); i++) {
                    long at = start + i * interval;
                    LockSupport.parkNanos(at - System.nanoTime());
                    Clinics.Patient p = patients.get(i % patients.size());
                    Tracker.Message m =
                        tracker.newMessage(
                            p.clinic().tenantId(), p.clinic().instance(), p.phone(), at);
                    messages.add(m);
                    webhooks.postRetrying(Webhooks.body(m), 30, count(acks));
                  }
                },
                "crash-load");
        load.start();
        List<Double> restartSeconds = new ArrayList<>();
        List<String> killedAt = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 1; k <= settings.crashKills(); k++) {
          Bench.sleep(4_000 + random.nextInt(6_000));
          int sendsBefore = (int) evolution.sends.get();
          worker.kill();
          killedAt.add(String.format("%.0f s", (System.nanoTime() - t0) / 1e9));
          Bench.log(
              "SIGKILL %d/%d of the worker (%d sends so far)",
              k, settings.crashKills(), sendsBefore);
          long restart = System.nanoTime();
          worker.launch();
          worker.awaitHealthy(Duration.ofMinutes(3));
          restartSeconds.add((System.nanoTime() - restart) / 1e9);
        }
        Bench.sleep(10_000);
        loadRunning.set(false);
        load.join();
        Bench.log("load stopped after %d messages; waiting for every reply", messages.size());
        Outcome o = await(tracker, new ArrayList<>(messages), 300);
        List<String> stuck = new ArrayList<>();
        if (o.lost() > 0) {
          try (TemporalProbe probe = new TemporalProbe("127.0.0.1:" + temporalPort)) {
            for (Tracker.Message m : messages) {
              if (m.replies.get() == 0 && stuck.size() < 3) {
                stuck.add(probe.describe("patient:" + m.tenantId + ":" + m.phone));
                Bench.log("unanswered: %s", stuck.get(stuck.size() - 1));
              }
            }
          }
        }
        long maxE2e = 0;
        for (Tracker.Message m : messages) {
          if (m.firstReplyNanos > 0) {
            maxE2e = Math.max(maxE2e, m.firstReplyNanos - m.intendedNanos);
          }
        }
        double meanRestart =
            restartSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return String.format(
                "**Worker crash.** Roles split over three processes (`temporal`, `api`, `worker`)"
                    + " and a PostgreSQL owned by the harness. %d messages at %.0f/s over %d"
                    + " conversations while the worker process was killed with SIGKILL %d times"
                    + " (at %s) and started again each time (restart until healthy: mean %.1f s,"
                    + " max %.1f s). The api and temporal processes stayed up. The worker ran with"
                    + " `clinicflow.temporal.sticky-execution=%s`. Webhook answers: %s. Longest"
                    + " wait for a reply: %.1f s. Retried sends that first asked Evolution whether"
                    + " an earlier attempt had gone out (`/chat/findMessages`): %d.%n%n",
                messages.size(),
                rate,
                patients.size(),
                settings.crashKills(),
                String.join(", ", killedAt),
                meanRestart,
                restartSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                settings.workerSticky(),
                new TreeMap<>(toInts(acks)),
                maxE2e / 1e9,
                evolution.lookups.get())
            + outcomeTable(o)
            + (stuck.isEmpty()
                ? ""
                : "Where unanswered conversations stood (Temporal's DescribeWorkflowExecution):\n\n- "
                    + String.join("\n- ", stuck)
                    + "\n\n")
            + verdict(o, "every message answered exactly once");
      } finally {
        if (worker != null) {
          worker.stop();
        }
        if (api != null) {
          api.stop();
        }
        temporal.stop();
      }
    }
  }

  /** Hostile webhook bodies against the real application, then valid messages with hostile text. */
  private String fuzz() throws Exception {
    Tracker tracker = new Tracker();
    try (FakeGemini gemini = gemini(tracker);
        FakeEvolution evolution = new FakeEvolution(tracker, settings.evolutionMillis())) {
      int pgPort = AppProcess.freePort();
      AppProcess app =
          combinedApp(
              "fuzz", gemini, evolution, List.of("--clinicflow.embedded-postgres-port=" + pgPort));
      try {
        Clinics clinics = Clinics.create(app.url("/"), settings.tenants());
        Webhooks webhooks = new Webhooks(app.url("/"));
        HostileBodies bodies =
            new HostileBodies(settings.seed(), clinics.clinics.get(0).instance());
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
        long claimsBefore = count(jdbc, "SELECT count(*) FROM processed_message");
        long callsBefore = gemini.calls.get();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> serverErrorsByKind = new ConcurrentHashMap<>();
        int invalid = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(8, Bench.daemon("fuzz"));
        for (int n = 0; n < invalid; n++) {
          HostileBodies.Case c = bodies.invalid(n);
          pool.execute(
              () -> {
                Webhooks.Ack ack = webhooks.postBytes(c.body(), c.contentType(), c.secret()).join();
                String o = outcome(ack);
                statuses.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet();
                if (ack.status() >= 500
                    || ack.status() < 0
                    || o.contains("accepted")
                    || o.contains("duplicate")) {
                  serverErrorsByKind
                      .computeIfAbsent(c.kind() + " → " + o, k -> new AtomicInteger())
                      .incrementAndGet();
                }
              });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        Bench.sleep(3_000);
        long claimsAfterInvalid = count(jdbc, "SELECT count(*) FROM processed_message");
        long callsAfterInvalid = gemini.calls.get();
        long sendsAfterInvalid = evolution.sends.get();

        // Valid messages whose text and push name are hostile: each must be answered once.
        List<Clinics.Patient> patients = clinics.patients(44, 200);
        List<Tracker.Message> messages = new ArrayList<>();
        Map<String, AtomicInteger> validAcks = new ConcurrentHashMap<>();
        for (Clinics.Patient p : patients) {
          Tracker.Message m =
              tracker.newMessage(
                  p.clinic().tenantId(), p.clinic().instance(), p.phone(), System.nanoTime());
          messages.add(m);
          Webhooks.Ack ack = webhooks.post(bodies.validWithHostileText(m)).join();
          validAcks.computeIfAbsent(outcome(ack), k -> new AtomicInteger()).incrementAndGet();
          Bench.sleep(50);
        }
        Outcome o = await(tracker, messages, 240);
        long unhandled = countLines(app.log, "Unhandled ");
        long attention =
            count(
                jdbc, "SELECT count(*) FROM conversation WHERE needs_attention_since IS NOT NULL");
        StringBuilder s = new StringBuilder();
        s.append(
            String.format(
                "**Hostile webhooks against the real application** (the MockMvc property test"
                    + " `EvolutionWebhookFuzzTest` covers the API alone in the test suite). %d"
                    + " bodies that must start nothing (seed %d): broken envelopes and keys,"
                    + " unknown or NUL-carrying instances and ids, garbage and invalid UTF-8,"
                    + " nesting up to 21,000 levels, truncated JSON, wrong secrets. Answers: %s."
                    + " 5xx or accepted among them: %s. `processed_message` rows added: %d;"
                    + " Gemini calls: %d; sends: %d.%n%n",
                invalid,
                settings.seed(),
                new TreeMap<>(toInts(statuses)),
                serverErrorsByKind.isEmpty() ? "none" : new TreeMap<>(toInts(serverErrorsByKind)),
                claimsAfterInvalid - claimsBefore,
                callsAfterInvalid - callsBefore,
                sendsAfterInvalid));
        s.append(
            String.format(
                "Then %d valid messages whose text and push name are hostile (NUL, lone"
                    + " surrogates, control and bidi characters, emoji, 200 KB text, injection"
                    + " strings): answers %s; conversations marked needs-attention: %d; `Unhandled`"
                    + " errors in the application log: %d.%n%n",
                messages.size(), new TreeMap<>(toInts(validAcks)), attention, unhandled));
        boolean clean =
            serverErrorsByKind.isEmpty()
                && claimsAfterInvalid == claimsBefore
                && callsAfterInvalid == callsBefore
                && sendsAfterInvalid == 0
                && unhandled == 0
                && attention == 0
                && o.exactlyOnce() == messages.size();
        s.append(outcomeTable(o));
        s.append(
            clean
                ? "Verdict: **passed**: no 5xx, nothing started for invalid input, hostile text"
                    + " answered like any other.\n"
                : "Verdict: **failed**: see the numbers above.\n");
        return s.toString();
      } finally {
        app.stop();
      }
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  private FakeGemini gemini(Tracker tracker) {
    return new FakeGemini(tracker, settings.geminiMillis(), settings.geminiJitterMillis());
  }

  private AppProcess combinedApp(
      String name, FakeGemini gemini, FakeEvolution evolution, List<String> extra) {
    List<String> props = new ArrayList<>(extra);
    props.add("--clinicflow.temporal.embedded-port=" + AppProcess.freePort());
    AppProcess app =
        AppProcess.start(
            name,
            settings.java17(),
            settings.appJar(),
            runDir,
            AppProcess.freePort(),
            settings.appJvmOptions(),
            Suite.appProperties(
                settings, runDir.resolve(name + "-data"), gemini, evolution, props));
    app.awaitHealthy(Duration.ofMinutes(4));
    return app;
  }

  private AppProcess role(
      String name, String roles, FakeGemini gemini, FakeEvolution evolution, List<String> common) {
    List<String> props = new ArrayList<>(common);
    props.add("--clinicflow.roles=" + roles);
    return AppProcess.start(
        name,
        settings.java17(),
        settings.appJar(),
        runDir,
        AppProcess.freePort(),
        settings.appJvmOptions(),
        Suite.appProperties(settings, runDir.resolve(name + "-data"), gemini, evolution, props));
  }

  /**
   * Constant-rate posts, one message per patient in turn, each posted again after 1 s on a 5xx or
   * no answer (as Evolution retries), up to {@code attempts} posts; {@code answers} counts every
   * post's answer.
   */
  private List<Tracker.Message> openLoad(
      Tracker tracker,
      Webhooks webhooks,
      List<Clinics.Patient> patients,
      double rate,
      int seconds,
      int attempts,
      Map<String, AtomicInteger> answers) {
    List<Tracker.Message> messages = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
    long start = System.nanoTime();
    long interval = (long) (1e9 / rate);
    for (int i = 0; i < rate * seconds; i++) {
      long at = start + i * interval;
      LockSupport.parkNanos(at - System.nanoTime());
      Clinics.Patient p = patients.get(i % patients.size());
      Tracker.Message m =
          tracker.newMessage(p.clinic().tenantId(), p.clinic().instance(), p.phone(), at);
      messages.add(m);
      pending.add(webhooks.postRetrying(Webhooks.body(m), attempts, count(answers)));
    }
    pending.forEach(java.util.concurrent.CompletableFuture::join);
    return messages;
  }

  private static java.util.function.Consumer<Webhooks.Ack> count(
      Map<String, AtomicInteger> counts) {
    return ack -> counts.computeIfAbsent(outcome(ack), k -> new AtomicInteger()).incrementAndGet();
  }

  /** Waits until every message has a reply (or a fallback), then a little longer for duplicates. */
  private static Outcome await(Tracker tracker, List<Tracker.Message> messages, int limitSeconds) {
    long deadline = System.nanoTime() + limitSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (Tracker.Message m : messages) {
        if (m.replies.get() == 0 && tracker.unmarkedSends(m.phone) == 0) {
          all = false;
          break;
        }
      }
      if (all) {
        break;
      }
      Bench.sleep(500);
    }
    Bench.sleep(15_000); // a duplicate from a retry would come within seconds
    int once = 0;
    int fallback = 0;
    int lost = 0;
    int duplicated = 0;
    List<String> examples = new ArrayList<>();
    for (Tracker.Message m : messages) {
      int replies = m.replies.get();
      int unmarked = tracker.unmarkedSends(m.phone);
      if (replies == 1 && unmarked == 0) {
        once++;
      } else if (replies == 0 && unmarked == 1) {
        fallback++;
      } else if (replies == 0 && unmarked == 0) {
        lost++;
        if (examples.size() < 5) {
          examples.add("lost #m" + m.id + " (" + m.phone + ")");
        }
      } else {
        duplicated++;
        if (examples.size() < 5) {
          examples.add(
              "#m"
                  + m.id
                  + " ("
                  + m.phone
                  + "): "
                  + replies
                  + " replies, "
                  + unmarked
                  + " fallbacks");
        }
      }
    }
    Outcome o = new Outcome(messages.size(), once, fallback, lost, duplicated, examples);
    Bench.log("outcome: %s", o);
    return o;
  }

  private static String outcomeTable(Outcome o) {
    return String.format(
        "| messages | answered exactly once | only the fallback message (once) | lost | more than one"
            + " send |%n|---|---|---|---|---|%n| %d | %d | %d | %d | %d |%n%n%s",
        o.messages(),
        o.exactlyOnce(),
        o.fallbackOnly(),
        o.lost(),
        o.duplicated(),
        o.examples().isEmpty() ? "" : "Examples: " + String.join("; ", o.examples()) + ".\n\n");
  }

  private static String verdict(Outcome o, String claim) {
    return o.allOnce()
        ? "Verdict: **passed**: " + claim + ".\n"
        : "Verdict: **failed** ("
            + claim
            + "): "
            + o.lost()
            + " lost, "
            + o.duplicated()
            + " with more than one send.\n";
  }

  private static String outcome(Webhooks.Ack ack) {
    if (ack.status() < 0) {
      return "no answer";
    }
    String body = ack.body() == null ? "" : ack.body();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"(status|error)\":\"([a-z_]+)\"").matcher(body);
    return ack.status() + (m.find() ? " " + m.group(2) : "");
  }

  private static Map<String, Integer> toInts(Map<String, AtomicInteger> counts) {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private static long count(String jdbcUrl, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long countLines(Path file, String text) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  /** Replaces (or appends) this scenario's section of docs/benchmarks/reliability.md. */
  private void writeSection(String scenario, String body) throws IOException {
    Path file = settings.docs().resolve("benchmarks/reliability.md");
    Files.createDirectories(file.getParent());
    String begin = "<!-- scenario:" + scenario + " -->";
    String end = "<!-- /scenario:" + scenario + " -->";
    String text =
        Files.exists(file)
            ? Files.readString(file)
            : "# ClinicFlow reliability runs\n\nWritten by `bench/run.sh <scenario>` (see"
                + " [../benchmarks.md](../benchmarks.md#how-to-run)); each section is replaced"
                + " when its scenario runs again. Every check is made from the fake Gemini's and"
                + " the fake Evolution's own records: a message is answered when a send carries"
                + " its marker, and a second such send is a duplicate.\n\n";
    String section = begin + "\n## " + scenario + "\n\n" + body + "\n" + end + "\n";
    int i = text.indexOf(begin);
    int j = text.indexOf(end);
    if (i >= 0 && j > i) {
      text = text.substring(0, i) + section + text.substring(j + end.length() + 1);
    } else {
      text = text + "\n" + section;
    }
    Files.writeString(file, text);
    Bench.log("wrote %s", file);
  }
}
