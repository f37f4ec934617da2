package com.clinicflow.api.webhooks;

import com.clinicflow.api.conversations.ConversationRecords;
import com.clinicflow.api.conversations.StoredConversation;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.tenant.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a patient's message into its conversation exactly once: claim the provider message id in
 * the ledger, then signal-with-start the conversation; give the claim back if Temporal did not take
 * the message, so Evolution's retry is taken in rather than answered "duplicate".
 *
 * <p>A claim is marked signalled once Temporal has the message. If the process dies between claim
 * and signal, the claim stays unmarked and the provider's redelivery signals the message again
 * (answered {@code duplicate}); the workflow drops ids it has already seen, so a copy that raced
 * with a live first delivery is not answered twice.
 */
@Component
class ConversationGateway {

  static final String CHANNEL = Channel.WHATSAPP.name();
  private static final Logger log = LoggerFactory.getLogger(ConversationGateway.class);

  private final InboundLedger ledger;
  private final ContactDirectory contacts;
  private final ConversationRecords records;
  private final ConversationStarter starter;
  private final ConversationSettings settings;

  ConversationGateway(
      InboundLedger ledger,
      ContactDirectory contacts,
      ConversationRecords records,
      ConversationStarter starter,
      ConversationProperties conversation) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.records = records;
    this.starter = starter;
    this.settings = conversation.toSettings();
  }

  /** What became of a message: {@code ACCEPTED} or {@code DUPLICATE}, and its conversation. */
  record Delivery(WebhookOutcome outcome, String workflowId) {}

  /**
   * @throws WebhookRejectedException 503 when the ledger or Temporal cannot take the message now
   */
  Delivery deliver(String tenantId, PatientMessage patientMessage) {
    InboundMessage message = patientMessage.message();
    boolean newPair = remember(tenantId, patientMessage.learned());
    String workflowId = ConversationKey.workflowId(tenantId, patientMessage.contact());
    boolean first;
    try {
      first = ledger.claim(tenantId, CHANNEL, message.providerMessageId(), workflowId);
    } catch (RuntimeException e) {
      log.warn("Inbound ledger unavailable for tenant {}: {}", tenantId, e.getClass().getName());
      throw WebhookRejectedException.unavailable();
    }
    if (!first && signalled(tenantId, message.providerMessageId())) {
      return new Delivery(WebhookOutcome.DUPLICATE, workflowId);
    }
    ConversationStart start =
        ConversationStart.fresh(
            tenantId, patientMessage.contact(), message.instanceName(), settings);
    if (newPair) {
      carryPause(tenantId, patientMessage.learned(), workflowId, start);
    }
    try {
      starter.signalWithStart(workflowId, start, message);
    } catch (RuntimeException e) {
      log.warn(
          "Temporal did not take message {} of tenant {}: {}",
          message.providerMessageId(),
          tenantId,
          e.getClass().getName());
      if (first) {
        release(tenantId, message.providerMessageId());
      }
      throw WebhookRejectedException.unavailable();
    }
    markSignalled(tenantId, message.providerMessageId());
    return new Delivery(first ? WebhookOutcome.ACCEPTED : WebhookOutcome.DUPLICATE, workflowId);
  }

  /** When the ledger cannot say, assume signalled: answering duplicate is the safe default. */
  private boolean signalled(String tenantId, String providerMessageId) {
    try {
      return ledger.isSignalled(tenantId, CHANNEL, providerMessageId);
    } catch (RuntimeException e) {
      log.warn("Inbound ledger unavailable for tenant {}: {}", tenantId, e.getClass().getName());
      throw WebhookRejectedException.unavailable();
    }
  }

  /** Not fatal: the message is in; a redelivery would only signal it again, harmlessly. */
  private void markSignalled(String tenantId, String providerMessageId) {
    try {
      ledger.markSignalled(tenantId, CHANNEL, providerMessageId);
    } catch (RuntimeException e) {
      log.warn(
          "Could not mark message of tenant {} signalled: {}", tenantId, e.getClass().getName());
    }
  }

  /**
   * Learning a LID is an optimisation: the next message carrying both teaches it again.
   *
   * @return true when the pair is new to the clinic
   */
  private boolean remember(String tenantId, PatientMessage.LidPhone learned) {
    if (learned == null) {
      return false;
    }
    try {
      return contacts.learn(tenantId, learned.lid(), learned.phone());
    } catch (RuntimeException e) {
      log.warn("Could not record a LID of tenant {}: {}", tenantId, e.getClass().getName());
      return false;
    }
  }

  /**
   * The first message that names both a patient's LID and their phone moves them from the LID-only
   * conversation to the phone's. A pause running there (a colleague answering on the clinic's
   * phone, or staff who paused the bot) goes with them for what is left of it, before the message:
   * otherwise the bot would answer in the middle of a human conversation; the phone's row records
   * it, as the Telegram tools record theirs. Best effort: the message is taken in whatever happens
   * here.
   */
  private void carryPause(
      String tenantId,
      PatientMessage.LidPhone learned,
      String workflowId,
      ConversationStart start) {
    String lidContact = ConversationKey.lidContact(learned.lid());
    try {
      Instant now = Instant.now();
      Optional<Instant> until =
          records
              .find(tenantId, lidContact)
              .map(StoredConversation::pausedUntil)
              .filter(pausedUntil -> pausedUntil.isAfter(now));
      if (until.isPresent()) {
        starter.pause(
            workflowId,
            start,
            new BotPause(Duration.between(now, until.get()), "carried from " + lidContact));
        records.recordPause(tenantId, start.contact(), workflowId, until.get());
        log.info("Carried the pause of a LID-only conversation of tenant {}", tenantId);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Could not carry the pause of a LID-only conversation of tenant {}: {}",
          tenantId,
          e.getClass().getName());
    }
  }

  private void release(String tenantId, String providerMessageId) {
    try {
      ledger.release(tenantId, CHANNEL, providerMessageId);
    } catch (RuntimeException e) {
      // The retry will be answered "duplicate": the message is lost unless an operator looks.
      log.error(
          "Could not release message {} of tenant {} after a failed signal: {}",
          providerMessageId,
          tenantId,
          e.getClass().getName());
    }
  }
}
