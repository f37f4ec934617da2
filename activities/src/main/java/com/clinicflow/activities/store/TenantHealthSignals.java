package com.clinicflow.activities.store;

import java.time.Instant;

/**
 * What the database knows about how a clinic is doing; each field is null when nothing was seen
 * yet.
 *
 * @param lastInboundAt the newest patient message taken in (webhook ledger or transcript)
 * @param lastReplyAt the newest reply sent (or recorded, in sandbox)
 * @param lastErrorAt when the newest error happened
 * @param lastError its type, an {@code Errors} name such as {@code UPSTREAM_UNAVAILABLE} (never a
 *     vendor message, which could quote a patient)
 * @param lastErrorSource {@code conversation} (a turn failed past its retries) or {@code
 *     whatsapp_send} (a send to the gateway failed)
 * @param whatsappState the last connection state Evolution reported ({@code open}, {@code
 *     connecting}, {@code close}, {@code refused})
 * @param whatsappStatusReason its status reason (e.g. 401 = logged out)
 * @param whatsappStateAt when it was reported
 */
public record TenantHealthSignals(
    Instant lastInboundAt,
    Instant lastReplyAt,
    Instant lastErrorAt,
    String lastError,
    String lastErrorSource,
    String whatsappState,
    Integer whatsappStatusReason,
    Instant whatsappStateAt) {}
