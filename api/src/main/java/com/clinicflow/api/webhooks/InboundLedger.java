package com.clinicflow.api.webhooks;

/**
 * Provider message ids already taken in ({@code processed_message}). Claiming is one {@code INSERT
 * … ON CONFLICT DO NOTHING}, so of any number of concurrent deliveries of one message exactly one
 * claims it; the others are answered {@code duplicate}.
 */
public interface InboundLedger {

  /** True when this call took the id first; false when it was taken before. */
  boolean claim(String tenantId, String channel, String providerMessageId, String workflowId);

  /**
   * Gives a claim back when the message could not be handed to Temporal, so the provider's retry is
   * taken in instead of being answered {@code duplicate}.
   */
  void release(String tenantId, String channel, String providerMessageId);
}
