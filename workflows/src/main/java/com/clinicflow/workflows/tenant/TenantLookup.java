package com.clinicflow.workflows.tenant;

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
 */
public record TenantLookup(
    @JsonProperty("channel") Channel channel,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("chat_id") Long chatId,
    @JsonProperty("requested_tenant_id") String requestedTenantId,
    @JsonProperty("count_message") boolean countMessage,
    @JsonProperty("requester_workflow_id") String requesterWorkflowId) {

  public static TenantLookup whatsApp(String instanceName, String requesterWorkflowId) {
    return new TenantLookup(Channel.WHATSAPP, instanceName, null, null, true, requesterWorkflowId);
  }

  public static TenantLookup telegram(
      long chatId, String requestedTenantId, String requesterWorkflowId) {
    return new TenantLookup(
        Channel.TELEGRAM, null, chatId, requestedTenantId, false, requesterWorkflowId);
  }

  /** The channel address in words, for logs and the activity log (never message text). */
  public String describe() {
    return channel == Channel.WHATSAPP ? "instance " + instanceName : "chat " + chatId;
  }
}
