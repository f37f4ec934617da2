package com.clinicflow.workflows.common;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.util.List;
import java.util.Set;

/**
 * The changes to workflow code that alter what a run records, and which of them a run follows
 * (Temporal's patching, {@code Workflow.getVersion}): a run recorded before a change replays the
 * old way. Asked one by one, every new run recorded a version marker per change it passed, seven on
 * a patient's first turn: seven marker events of two payloads each, which the Temporal server keeps
 * for the life of the conversation, a cached workflow keeps in its state machines and an operator
 * scrolls past in the Temporal UI.
 *
 * <p>Since the baseline (docs/decisions/0016-one-marker-per-run.md) a run records one marker,
 * {@link #BASELINE}, at its very start ({@link #startRun}), and follows every change of {@link
 * #IN_BASELINE} without a marker of its own. A run without that marker was recorded before the
 * baseline: it asks for each change as before and replays exactly as recorded. The baseline is
 * decided only at the start of a run, which in a run recorded before it is always replayed, so an
 * old run never switches to the baseline half-way.
 *
 * <p>A change made after a baseline gets an id here, outside the baseline's set, and is asked
 * through {@link #isOn} like the others (its own marker in every run); a later baseline version
 * folds it in: version 2 added {@link #IN_BASELINE_2}, which runs that recorded version 1 ask for
 * one by one; version 3 added {@link #IN_BASELINE_3}, version 4 {@link #IN_BASELINE_4}, version 5
 * {@link #IN_BASELINE_5}.
 */
public final class Changes {

  /** The change id of the one marker a run records instead of one per change. */
  public static final String BASELINE = "baseline";

  /** Search attributes (tenant, channel, status) on conversations. */
  public static final String SEARCH_ATTRIBUTES = "search-attributes";

  /** A paused conversation outlives its idle timeout instead of completing. */
  public static final String PAUSE_OUTLIVES_IDLE = "pause-outlives-idle";

  /** A turn that needs attention also alerts the clinic's staff chat. */
  public static final String NEEDS_ATTENTION_ALERT = "needs-attention-alert";

  /** Alerts at 80 % and 100 % of the monthly quota. */
  public static final String QUOTA_ALERTS = "quota-alerts";

  /** Short calls to ClinicFlow's database as local activities ({@link ActivityStubs#local}). */
  public static final String LOCAL_DATABASE = "local-database-activities";

  /** The clinic checks inline in the conversation instead of a child TenantConfigLoader. */
  public static final String TENANT_CHECKS_INLINE = "tenant-checks-inline";

  /** The count of a keyed turn also writes its log line: one local activity instead of two. */
  public static final String COUNT_WRITES_LOG_LINE = "count-writes-log-line";

  /** The reply sent as a local activity ({@link ActivityStubs#LOCAL_EXTERNAL}). */
  public static final String LOCAL_REPLY_SEND = "local-reply-send";

  /** The reply sent while the transcript is saved, both local activities at once. */
  public static final String REPLY_BESIDE_TRANSCRIPT = "reply-beside-transcript";

  /**
   * Decision 0015: the debounce counts from the webhook's receipt, and memory and tools load while
   * the clinic checks run.
   */
  public static final String TURN_STARTS_EARLY = "turn-starts-early";

  /**
   * Waits with a timeout start no timer when their condition holds, cancel it when the condition
   * comes first, and let the condition win a tie ({@link Waits}). Baseline version 1.
   */
  public static final String CANCELLED_WAIT_TIMERS = "cancelled-wait-timers";

  /**
   * The clinic lookup and the turn's count in one local activity ({@code TenantStore.AdmitTurn})
   * instead of two. Folded into baseline version 2.
   */
  public static final String ADMIT_TURN_IN_ONE_CALL = "admit-turn-in-one-call";

  /**
   * Waits cancel only timers at least a minute from firing ({@link Waits}): the embedded Temporal
   * server refuses a task that cancels a timer that fired meanwhile. Folded into baseline version
   * 2.
   */
  public static final String CANCEL_ONLY_DISTANT_TIMERS = "cancel-only-distant-timers";

  /**
   * A conversation keeps one idle timer per run, re-armed when it fires before the run has been
   * idle long enough ({@link IdleTimer}), instead of a timer started after every turn and cancelled
   * by the next message: two events fewer per message. Folded into baseline version 3.
   */
  public static final String IDLE_TIMER_PER_RUN = "idle-timer-per-run";

  /**
   * The reply's send writes the turn's {@code reply_sent} line in the commit that records it as
   * sent, instead of a local activity of its own after it. Folded into baseline version 3.
   */
  public static final String SEND_WRITES_LOG_LINE = "send-writes-log-line";

  /**
   * An agent's model call names whom its tools are for and the model's activity looks the clinic's
   * catalog up, instead of a local activity recording the catalog every turn and every model call
   * listing it (decision 0019). Folded into baseline version 4.
   */
  public static final String TOOLS_BY_AUDIENCE = "tools-by-audience";

  /**
   * A burst's debounce keeps one timer at a time, measuring the quiet again when it fires, instead
   * of a timer per message whose earlier ones fire into empty workflow tasks. Folded into baseline
   * version 5.
   */
  public static final String QUIET_TIMER_PER_BURST = "quiet-timer-per-burst";

  /**
   * The staff assistant listens to a voice note (the model's call fetches it from Telegram) instead
   * of answering "text only". Asked only for an update that carries one, so only those runs record
   * its marker.
   */
  public static final String STAFF_VOICE_NOTES = "staff-voice-notes";

  /**
   * A patient's photo or PDF goes to the model (with its caption) instead of the polite "text and
   * voice only" answer. Asked only for a turn that carries one, so only those runs record its
   * marker: a worker of an earlier release read such a message as one it cannot read, and a run it
   * answered that way replays that way (decision 0022).
   */
  public static final String PATIENT_ATTACHMENTS = "patient-attachments";

  /**
   * The staff assistant looks at a photo or a PDF (the model's call fetches it from Telegram)
   * instead of answering "text and voice only". Asked only for an update that carries one, so only
   * those runs record its marker: a worker of an earlier release ignored the attachment and
   * answered the update as it was without it, and a run it answered that way replays that way.
   */
  public static final String STAFF_ATTACHMENTS = "staff-attachments";

  /**
   * A patient's video goes to the model (with its caption) instead of the polite answer. Its own
   * change, asked only for a turn that carries one: a worker that already read photos read a video
   * as a message it cannot read, in runs that may have recorded {@link #PATIENT_ATTACHMENTS}.
   */
  public static final String PATIENT_VIDEOS = "patient-videos";

  /**
   * An operator can skip a turn that needs attention (signal {@code skip}) instead of only retrying
   * it. Asked only when a skip arrives, so only those runs record its marker: a worker of an
   * earlier release had no such signal and kept waiting for a retry, and a run it recorded that way
   * replays that way.
   */
  public static final String OPERATOR_SKIP = "operator-skip";

  /**
   * Each round of the {@code quota-reset} workflow also prunes the ledgers and the activity log
   * ({@code Housekeeping.PruneExpired}). Its rounds recorded before it replay without.
   */
  public static final String LEDGER_PRUNING = "ledger-pruning";

  /**
   * Several conversations' needs-attention alerts waiting in a staff chat at once go out as one
   * message listing them, instead of one message each. Asked only when two or more wait, so only
   * those runs record its marker: a worker of an earlier release sent them one by one, and a run it
   * recorded that way replays that way.
   */
  public static final String STAFF_ATTENTION_DIGEST = "staff-attention-digest";

  /**
   * A turn that failed on a passing outage is also tried again by itself after the settings' {@code
   * automaticRetries} waits. Asked only when such a wait would start, so only those runs record its
   * marker: a worker of an earlier release waited for an operator alone, and a run it recorded that
   * way replays that way.
   */
  public static final String AUTOMATIC_RETRY = "automatic-retry";

  /**
   * Messages staff send from Telegram while a turn waits for attention go out at once, not after
   * the wait. Asked only when such a message is there, so only those runs record its marker.
   */
  public static final String STAFF_MESSAGES_WHILE_WAITING = "staff-messages-while-waiting";

  /** Changes of baseline version 1. */
  static final Set<String> IN_BASELINE =
      Set.of(
          SEARCH_ATTRIBUTES,
          PAUSE_OUTLIVES_IDLE,
          NEEDS_ATTENTION_ALERT,
          QUOTA_ALERTS,
          LOCAL_DATABASE,
          TENANT_CHECKS_INLINE,
          COUNT_WRITES_LOG_LINE,
          LOCAL_REPLY_SEND,
          REPLY_BESIDE_TRANSCRIPT,
          TURN_STARTS_EARLY,
          CANCELLED_WAIT_TIMERS);

  /** Changes folded into baseline version 2 (runs of version 1 ask for them one by one). */
  static final Set<String> IN_BASELINE_2 =
      Set.of(ADMIT_TURN_IN_ONE_CALL, CANCEL_ONLY_DISTANT_TIMERS);

  /** Changes folded into baseline version 3 (runs of versions 1 and 2 ask for them). */
  static final Set<String> IN_BASELINE_3 = Set.of(IDLE_TIMER_PER_RUN, SEND_WRITES_LOG_LINE);

  /** Changes folded into baseline version 4 (runs of versions 1 to 3 ask for them). */
  static final Set<String> IN_BASELINE_4 = Set.of(TOOLS_BY_AUDIENCE);

  /** Changes folded into baseline version 5 (runs of versions 1 to 4 ask for them). */
  static final Set<String> IN_BASELINE_5 = Set.of(QUIET_TIMER_PER_BURST);

  /**
   * The changes each baseline version added, in version order: a run of version {@code v} follows
   * those of the first {@code v}. A new baseline is one more set here.
   */
  private static final List<Set<String>> BASELINES =
      List.of(IN_BASELINE, IN_BASELINE_2, IN_BASELINE_3, IN_BASELINE_4, IN_BASELINE_5);

  /** The baseline version new runs record. */
  static final int CURRENT_BASELINE = BASELINES.size();

  /**
   * The run's baseline version; the default version until the run decides, so a workflow that never
   * calls {@link #startRun} asks each time.
   */
  private static final WorkflowLocal<Integer> baseline =
      WorkflowLocal.withCachedInitial(() -> Workflow.DEFAULT_VERSION);

  private Changes() {}

  /**
   * Decides which baseline version this run follows (the default version: none, a run recorded
   * before the baseline): call it first in the workflow method, before any command. A workflow that
   * does not call it asks for every change one by one (correct, only more markers).
   */
  public static void startRun() {
    baseline.set(Workflow.getVersion(BASELINE, Workflow.DEFAULT_VERSION, CURRENT_BASELINE));
  }

  /**
   * Whether this run follows {@code changeId} (its version 1): without a marker in a run with the
   * baseline when the change is part of it; otherwise as its own marker says, recorded now in a run
   * that has not passed the change yet.
   */
  public static boolean isOn(String changeId) {
    int version = baseline.get();
    for (int v = 1; v <= Math.min(version, BASELINES.size()); v++) {
      if (BASELINES.get(v - 1).contains(changeId)) {
        return true;
      }
    }
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
