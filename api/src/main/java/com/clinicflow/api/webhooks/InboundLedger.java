package com.clinicflow.api.webhooks;

/**
 * Provider message ids already taken in ({@code processed_message}). Claiming is one {@code INSERT
 * … ON CONFLICT DO NOTHING}, so of any number of concurrent deliveries of one message exactly one
 * claims it; the others are answered {@code duplicate}.
 */
public interface InboundLedger {

  /** True when this call took the id first; false when it was taken before. */
  boolean claim(String tenantId, String channel, String providerMessageId, String workflowId);

  /** Records that the claimed message reached its conversation workflow. */
  void markSignalled(String tenantId, String channel, String providerMessageId);

  /**
   * Whether a claimed message is known to have reached its workflow. False means the process that
   * claimed it may have died before signalling: a redelivery then signals it again (the workflow
   * drops ids it has seen, so a message that did arrive is not answered twice).
   */
  boolean isSignalled(String tenantId, String channel, String providerMessageId);

  /**
   * Gives a claim back when the message could not be handed to Temporal, so the provider's retry is
   * taken in instead of being answered {@code duplicate}.
   */
  void release(String tenantId, String channel, String providerMessageId);
}
