package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.testing.Replays;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded conversation histories against today's workflow code. A failure here means a
 * change would break conversations that are running in production: guard it with {@code
 * Workflow.getVersion} instead of re-recording ({@link HistoryRecorder}).
 */
class PatientHandlerReplayTest {

  @Test
  void aBurstWithAToolCallAndAStaffHandoffStillReplays() {
    // The real workflow id matters: child TenantConfigLoader ids are derived from it.
    assertReplays("histories/patient-handler-tool-turn-and-handoff.json");
  }

  /** Recorded when the turn's database calls became local activities, with a child loader. */
  @Test
  void aTurnWithLocalDatabaseActivitiesStillReplays() {
    assertReplays("histories/patient-handler-local-activities.json");
  }

  /** Recorded when the clinic checks became inline (no child workflow), the send an activity. */
  @Test
  void aTurnWithInlineTenantChecksStillReplays() {
    assertReplays("histories/patient-handler-inline-tenant-checks.json");
  }

  /** Recorded when the reply became a local activity, the count and its log line two calls. */
  @Test
  void aTurnWithTheReplySentAsALocalActivityStillReplays() {
    assertReplays("histories/patient-handler-local-reply-send.json");
  }

  /** Recorded when the count came to write the turn's log line, the transcript saved first. */
  @Test
  void aTurnWhoseCountWritesItsLogLineStillReplays() {
    assertReplays("histories/patient-handler-count-writes-log-line.json");
  }

  /** Recorded when the reply came to be sent while the transcript is saved. */
  @Test
  void aTurnWhoseReplyIsSentBesideTheTranscriptStillReplays() {
    assertReplays("histories/patient-handler-reply-beside-transcript.json");
  }

  /**
   * Recorded since the debounce counts from the webhook's receipt and memory and tools load while
   * the clinic checks run.
   */
  @Test
  void aTurnThatStartsEarlyStillReplays() {
    assertReplays("histories/patient-handler-turn-starts-early.json");
  }

  /**
   * Recorded since a run records one version marker, the baseline (version 1), instead of one per
   * change; the clinic lookup and the count still two calls.
   */
  @Test
  void aRunWithTheFirstBaselineStillReplays() {
    assertReplays("histories/patient-handler-baseline.json");
  }

  /** Recorded with baseline version 2: the lookup and the count in one call. */
  @Test
  void aRunWhoseTurnIsAdmittedInOneCallStillReplays() {
    assertReplays("histories/patient-handler-admit-turn.json");
  }

  /** Recorded with baseline version 3: one idle timer per run, no timer cancelled. */
  @Test
  void aRunWithOneIdleTimerStillReplays() {
    assertReplays("histories/patient-handler-idle-timer-per-run.json");
  }

  /**
   * Recorded with baseline version 4: the model's calls name the patient audience, no catalog is
   * recorded (a tool turn, then the staff's handoff).
   */
  @Test
  void aRunWhoseModelLooksTheToolsUpStillReplays() {
    assertReplays("histories/patient-handler-tools-by-audience.json");
  }

  /** Recorded with baseline version 5: a burst's debounce keeps one timer at a time. */
  @Test
  void aRunWithOneDebounceTimerAtATimeStillReplays() {
    assertReplays("histories/" + HistoryRecorder.LATEST);
  }

  /**
   * Recorded before photos were read: a worker of that release read the photo of a newer API as a
   * message it cannot read and answered "text and voice only"; the run must replay that answer, not
   * show the photo to the model ({@code Changes.PATIENT_ATTACHMENTS}).
   */
  @Test
  void aPhotoAnsweredBeforePhotosWereReadStillReplays() {
    Replays.assertReplays(
        "histories/" + PhotoHistoryRecorder.BEFORE_PHOTOS,
        PhotoHistoryRecorder.WORKFLOW_ID,
        PatientHandlerImpl.class);
  }

  /**
   * A worker that read photos but not videos answered a video politely, in a run that had already
   * recorded {@code patient-attachments}: the video must replay as unreadable, which only its own
   * change ({@code patient-videos}) can tell.
   */
  @Test
  void aVideoAnsweredBeforeVideosWereReadStillReplays() {
    Replays.assertReplays(
        "histories/" + PhotoHistoryRecorder.BEFORE_VIDEOS,
        PhotoHistoryRecorder.WORKFLOW_ID,
        PatientHandlerImpl.class);
  }

  /**
   * Recorded before operators could skip a turn: a worker without the {@code skip} signal kept
   * waiting and the operator's retry re-ran the turn. The run must replay that way, not drop the
   * turn at the skip ({@code Changes.OPERATOR_SKIP}).
   */
  @Test
  void aSkipAWorkerCouldNotHonourStillReplaysAsTheRetryThatFollowed() {
    Replays.assertReplays(
        "histories/" + OperatorHistoryRecorder.BEFORE_SKIP,
        OperatorHistoryRecorder.WORKFLOW_ID,
        PatientHandlerImpl.class);
  }

  /**
   * Gemini down for half an hour: the fallback, an automatic retry 5 minutes later that failed
   * again, and one 30 minutes after that which answered ({@code Changes.AUTOMATIC_RETRY}).
   */
  @Test
  void aTurnTriedAgainByItselfStillReplays() {
    Replays.assertReplays(
        "histories/" + OperatorHistoryRecorder.AUTOMATIC_RETRY,
        OperatorHistoryRecorder.WORKFLOW_ID,
        PatientHandlerImpl.class);
  }

  /**
   * Staff answered a waiting patient from Telegram (sent at once, beside the wait), then skipped
   * the turn ({@code Changes.STAFF_MESSAGES_WHILE_WAITING}).
   */
  @Test
  void aStaffMessageSentWhileATurnWaitedStillReplays() {
    Replays.assertReplays(
        "histories/" + OperatorHistoryRecorder.STAFF_WHILE_WAITING,
        OperatorHistoryRecorder.WORKFLOW_ID,
        PatientHandlerImpl.class);
  }

  private static void assertReplays(String resource) {
    Replays.assertReplays(resource, "patient:alpha:5511900000001", PatientHandlerImpl.class);
  }
}
