package com.clinicflow.workflows.staff;

import com.clinicflow.workflows.testing.Replays;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded staff-chat histories against today's workflow code. A failure here means a
 * change would break chats running in production: guard it with {@code Changes} instead of
 * re-recording ({@link StaffHistoryRecorder}).
 */
class InternalAssistantReplayTest {

  /**
   * A voice note that a chat of an earlier release answered "text only" (its API already passed the
   * note on) replays that way: today's code listens only in runs that recorded so.
   */
  @Test
  void aPhotoAnsweredTextOnlyBeforeAttachmentsStillReplays() {
    Replays.assertReplays(
        "histories/" + StaffHistoryRecorder.BEFORE_ATTACHMENTS,
        StaffHistoryRecorder.WORKFLOW_ID,
        InternalAssistantImpl.class);
  }

  /** Alerts a worker before the digest sent one by one replay one by one. */
  @Test
  void needsAttentionAlertsSentOneByOneBeforeTheDigestStillReplay() {
    Replays.assertReplays(
        "histories/" + StaffHistoryRecorder.BEFORE_ATTENTION_DIGEST,
        StaffHistoryRecorder.WORKFLOW_ID,
        InternalAssistantImpl.class);
  }

  @Test
  void needsAttentionAlertsSentAsOneListReplay() {
    Replays.assertReplays(
        "histories/" + StaffHistoryRecorder.ATTENTION_DIGEST,
        StaffHistoryRecorder.WORKFLOW_ID,
        InternalAssistantImpl.class);
  }

  @Test
  void aVoiceNoteAnsweredTextOnlyBeforeVoiceNotesStillReplays() {
    Replays.assertReplays(
        "histories/" + StaffHistoryRecorder.BEFORE_VOICE_NOTES,
        StaffHistoryRecorder.WORKFLOW_ID,
        InternalAssistantImpl.class);
  }
}
