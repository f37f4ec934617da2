package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.Changes;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

/**
 * Sends the messages staff write to the patient from Telegram ({@code send_message_to_patient})
 * while a turn waits for attention, beside that wait: the alert tells staff to answer the patient
 * themselves, and their answer must not wait for someone to retry or skip the turn. A turn whose
 * patient staff answered this way is theirs: it is no longer tried again by itself.
 *
 * <p>Runs as a second workflow thread from {@link #start} to {@link #stop}, which waits for a send
 * in progress to finish. A run recorded before {@link Changes#STAFF_MESSAGES_WHILE_WAITING} sent
 * such messages only once the wait was over; it replays that way (the change is asked only when a
 * message is there to send).
 */
final class StaffMessagesWhileWaiting {

  /** The conversation's messages from staff that wait to be sent. */
  interface Outbox {
    boolean waiting();

    /** Sends every waiting message, in order, and records it (as between turns). */
    void send();
  }

  private final Outbox outbox;
  private boolean waitOver = true;
  private boolean done = true;
  private boolean delivered;

  StaffMessagesWhileWaiting(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Starts delivering while the turn waits. */
  void start() {
    waitOver = false;
    done = false;
    delivered = false;
    Async.procedure(this::deliver);
  }

  /** Whether staff's messages reached the patient since {@link #start}. */
  boolean delivered() {
    return delivered;
  }

  /** The wait is over: stops delivering, after a send in progress. */
  void stop() {
    waitOver = true;
    Workflow.await(() -> done);
  }

  private void deliver() {
    try {
      Workflow.await(() -> waitOver || outbox.waiting());
      if (waitOver || !Changes.isOn(Changes.STAFF_MESSAGES_WHILE_WAITING)) {
        return; // what is left is sent after the wait, as before the change
      }
      do {
        delivered = true;
        outbox.send();
        Workflow.await(() -> waitOver || outbox.waiting());
      } while (!waitOver);
    } finally {
      done = true;
    }
  }
}
