package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.staff.StaffUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a staff update into its chat's assistant exactly once: name the workflow ({@code
 * staff:{tenant}:{chat}}, the clinic a system admin addressed or the chat's own clinic, {@code
 * _none} for a chat of no clinic), claim the update id, signal-with-start, give the claim back if
 * Temporal did not take it.
 *
 * <p>Anyone can write to the bot, so the id of a {@code /clinica <id>} is taken at its word only
 * when it is a clinic's: any other goes to the chat's own assistant, which still sees the id asked
 * for and answers that no such clinic exists (or refuses a chat that is no admin's). Made-up ids
 * thus never name a workflow or a {@code tenant} series of {@code clinicflow.webhooks}. Whether the
 * chat may address the clinic is decided in the workflow, as for every update.
 */
@Component
class StaffChatGateway {

  private static final Logger log = LoggerFactory.getLogger(StaffChatGateway.class);

  private final StaffChatDirectory chats;
  private final TelegramUpdates updates;
  private final StaffAssistantStarter starter;

  StaffChatGateway(
      StaffChatDirectory chats, TelegramUpdates updates, StaffAssistantStarter starter) {
    this.chats = chats;
    this.updates = updates;
    this.starter = starter;
  }

  record Delivery(WebhookOutcome outcome, String tenantId, String workflowId) {}

  Delivery deliver(StaffUpdate update) {
    String tenantId;
    boolean first;
    String workflowId;
    try {
      String requested = update.requestedTenantId();
      tenantId =
          requested != null && chats.isClinic(requested)
              ? requested
              : chats.tenantForChat(update.chatId()).orElse(null);
      workflowId = StaffStart.workflowId(tenantId, update.chatId());
      first = updates.claim(update.updateId(), update.chatId(), workflowId);
    } catch (RuntimeException e) {
      log.warn("Telegram update ledger unavailable: {}", e.getClass().getName());
      throw WebhookRejectedException.unavailable();
    }
    if (!first) {
      return new Delivery(WebhookOutcome.DUPLICATE, tenantId, workflowId);
    }
    try {
      starter.signalWithStart(workflowId, StaffStart.fresh(tenantId, update.chatId()), update);
    } catch (RuntimeException e) {
      log.warn(
          "Temporal did not take Telegram update {}: {}",
          update.updateId(),
          e.getClass().getName());
      try {
        updates.release(update.updateId());
      } catch (RuntimeException releaseFailure) {
        log.error("Could not release Telegram update {}", update.updateId());
      }
      throw WebhookRejectedException.unavailable();
    }
    return new Delivery(WebhookOutcome.ACCEPTED, tenantId, workflowId);
  }
}
