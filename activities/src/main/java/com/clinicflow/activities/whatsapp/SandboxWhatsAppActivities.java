package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.whatsapp.SendMetrics.Outcome;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp with no gateway ({@code clinicflow.evolution.base-url} unset): each message is recorded
 * in {@code outbound_message} with status {@code SANDBOX} and nothing is sent. Idempotent by key
 * like the real sender: the second call with a key answers {@code alreadySent=true}. Inputs are
 * checked as the real sender checks them, so workflow bugs show in development too.
 */
final class SandboxWhatsAppActivities implements WhatsAppActivities {

  private static final Logger log = LoggerFactory.getLogger(SandboxWhatsAppActivities.class);

  private final OutboundLedger ledger;
  private final SendMetrics metrics;

  SandboxWhatsAppActivities(OutboundLedger ledger, SendMetrics metrics) {
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public SendReceipt sendText(OutboundMessage message) {
    OutboundChecks.validate(message);
    OutboundLedger.Entry entry =
        ledger
            .recordSandboxed(
                message.idempotencyKey(),
                message.tenantId(),
                OutboundLedger.WHATSAPP,
                message.recipient())
            .orElseThrow(OutboundChecks::keyOfAnotherTenant);
    if (!entry.created()) {
      metrics.count(message.tenantId(), Outcome.ALREADY_SENT);
      return new SendReceipt(entry.providerMessageId(), true, true);
    }
    if (message.logLine() != null) {
      ledger.logSandboxed(message.idempotencyKey(), message.tenantId(), message.logLine());
    }
    metrics.count(message.tenantId(), Outcome.SANDBOX);
    // The key and the clinic only: never the number or the text.
    log.info(
        "Sandbox: WhatsApp message {} of tenant {} recorded, not sent",
        message.idempotencyKey(),
        message.tenantId());
    return new SendReceipt(null, false, true);
  }
}
