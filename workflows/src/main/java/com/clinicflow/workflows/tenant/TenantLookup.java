package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@link TenantConfigLoader} is asked to resolve.
 *
 * @param channel where the message came from
 * @param instanceName Evolution instance name (WhatsApp)
 * @param chatId Telegram chat id (Telegram)
 * @param requestedTenantId tenant a system admin addresses explicitly from Telegram, else null
 * @param countMessage whether this message counts against the clinic's monthly quota
 * @param requesterWorkflowId workflow on whose behalf the lookup runs, for the activity log
 * @param turnKey the requester's key of the turn being counted, passed to {@link QuotaRequest} so
 *     that the quota counts the turn once; null when nothing is counted or the caller has no turn
 *     (and then left out of the JSON)
 */
public record TenantLookup(
    @JsonProperty("channel") Channel channel,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("chat_id") Long chatId,
    @JsonProperty("requested_tenant_id") String requestedTenantId,
    @JsonProperty("count_message") boolean countMessage,
    @JsonProperty("requester_workflow_id") String requesterWorkflowId,
    @JsonProperty("turn_key") @JsonInclude(JsonInclude.Include.NON_NULL) String turnKey) {

  /** A patient's turn on WhatsApp, counted against the quota once under {@code turnKey}. */
  public static TenantLookup whatsApp(
      String instanceName, String requesterWorkflowId, String turnKey) {
    return new TenantLookup(
        Channel.WHATSAPP, instanceName, null, null, true, requesterWorkflowId, turnKey);
  }

  public static TenantLookup telegram(
      long chatId, String requestedTenantId, String requesterWorkflowId) {
    return new TenantLookup(
        Channel.TELEGRAM, null, chatId, requestedTenantId, false, requesterWorkflowId, null);
  }

  /**
   * Whether {@link TenantStoreActivities#admitTurn} may count this lookup's turn: a keyed, counted
   * WhatsApp turn (it counts it when the clinic it finds is active). Telegram chats, whose
   * authorisation the workflow decides, are never counted there.
   */
  public boolean countsOnAdmission() {
    return channel == Channel.WHATSAPP && countMessage && turnKey != null;
  }

  /**
   * {@link TenantStoreActivities#admitTurn} made of {@code store}'s own lookup and count: the
   * clinic, and the turn's count when {@link #countsOnAdmission} and the clinic is active. Every
   * other outcome (no clinic, an inactive one, a chat) is left to the workflow's checks.
   */
  public TenantMatch admitThrough(TenantStoreActivities store) {
    TenantMatch match = store.findTenant(this);
    TenantConfig found = match.config();
    if (!countsOnAdmission() || found == null || !found.active()) {
      return match;
    }
    return match.counted(store.countTurn(turnCount(found.tenantId())));
  }

  /** The count of this lookup's turn for clinic {@code tenantId}. */
  public TurnCount turnCount(String tenantId) {
    return new TurnCount(tenantId, turnKey, channel.name(), requesterWorkflowId);
  }

  /** The channel address in words, for logs and the activity log (never message text). */
  public String describe() {
    return channel == Channel.WHATSAPP ? "instance " + instanceName : "chat " + chatId;
  }
}
