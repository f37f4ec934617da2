package com.clinicflow.activities.store;

import java.time.Instant;

/**
 * How many of an active clinic's conversations wait for an operator, and since when the longest.
 *
 * @param waiting conversations in {@code NEEDS_ATTENTION}
 * @param oldestSince when the longest waiting one entered it; null when none waits
 */
public record TenantAttention(String tenantId, int waiting, Instant oldestSince) {}
