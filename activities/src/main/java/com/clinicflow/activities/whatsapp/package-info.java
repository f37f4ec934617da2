/**
 * WhatsApp through the Evolution API v2 gateway.
 *
 * <ul>
 *   <li>{@link com.clinicflow.activities.whatsapp.WhatsAppConfiguration}: the beans, real or
 *       sandbox depending on {@code clinicflow.evolution.base-url}.
 *   <li>{@link com.clinicflow.activities.whatsapp.EvolutionWhatsAppActivities}: {@code sendText},
 *       idempotent by key through {@code outbound_message} ({@code OutboundLedger}); a retry after
 *       an unrecorded attempt asks Evolution first ({@code EarlierSendLookup}).
 *   <li>{@link com.clinicflow.activities.whatsapp.EvolutionMediaFetcher}: voice notes via {@code
 *       getBase64FromMediaMessage}.
 *   <li>{@code EvolutionClient}: HTTP, API-key choice (tenant token over global key) and the
 *       mapping of Evolution's answers to {@code Errors}.
 *   <li>{@code SandboxWhatsAppActivities}, {@code SandboxMediaFetcher}: no gateway configured.
 * </ul>
 *
 * Vendor facts: shared/reference/evolution-api.md (Evolution 2.3.6).
 */
package com.clinicflow.activities.whatsapp;
