package com.clinicflow.api.webhooks;

/**
 * Told when Evolution reports a change of a clinic's WhatsApp connection ({@code
 * connection.update}), e.g. to write the tenant's activity log or alert an operator. Optional: when
 * no bean implements it, the events are acknowledged and dropped.
 *
 * <p>Called on the webhook's request thread: keep it quick. A thrown exception answers Evolution
 * 503, so it delivers the event again.
 */
public interface ConnectionEvents {

  /**
   * @param tenantId the clinic owning the instance
   * @param instance the Evolution instance name
   * @param state {@code open}, {@code connecting}, {@code close} or {@code refused}; may be null
   * @param statusReason Evolution's reason code (e.g. 401 logged out), or null
   */
  void connectionChanged(String tenantId, String instance, String state, Integer statusReason);
}
