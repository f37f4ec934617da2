package com.clinicflow.workflows.staff;

import com.clinicflow.workflows.tenant.QuotaUsage;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Something the clinic's staff must know, pushed to the clinic's Telegram chat by its {@link
 * InternalAssistant}. Raised by workflows through {@link StaffAlertActivities} and by the API (a
 * WhatsApp connection change); the raiser fills in the clinic's name and language.
 *
 * @param key dedupe key: the assistant announces a key once. Null for connection changes, which are
 *     announced on a change of state instead (down once, up again once)
 * @param kind what happened
 * @param instance WhatsApp instance ({@code WHATSAPP_CONNECTION})
 * @param state Evolution's connection state: {@code open}, {@code connecting}, {@code close}
 * @param percent 80 or 100 ({@code QUOTA})
 * @param count messages counted in the period ({@code QUOTA})
 * @param limit the clinic's monthly limit ({@code QUOTA})
 * @param workflowId the conversation that needs attention, as typed in the Temporal UI
 * @param error the failure type that stopped it ({@code NEEDS_ATTENTION}), never message text
 * @param retriesByItself the conversation will try again by itself ({@code NEEDS_ATTENTION}: its
 *     failure looks like a passing outage); null when it will not, and in alerts raised before
 * @param clinicName filled by the raiser
 * @param language the clinic's language tag, filled by the raiser
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaffAlert(
    @JsonProperty("key") String key,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("kind") Kind kind,
    @JsonProperty("instance") String instance,
    @JsonProperty("state") String state,
    @JsonProperty("percent") Integer percent,
    @JsonProperty("count") Integer count,
    @JsonProperty("limit") Integer limit,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("error") String error,
    @JsonProperty("clinic_name") String clinicName,
    @JsonProperty("language") String language,
    @JsonProperty("retries_by_itself") Boolean retriesByItself) {

  /** The kinds of alert. */
  public enum Kind {
    /** Evolution reported a connection state of the clinic's WhatsApp instance. */
    WHATSAPP_CONNECTION,
    /** The clinic's monthly message count reached 80 % or 100 % of its limit. */
    QUOTA,
    /** A patient conversation failed past its retry budget and waits for an operator. */
    NEEDS_ATTENTION
  }

  public static StaffAlert connection(String tenantId, String instance, String state) {
    return new StaffAlert(
        null,
        tenantId,
        Kind.WHATSAPP_CONNECTION,
        instance,
        state,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Keyed by period and threshold: announced once per quota period. */
  public static StaffAlert quota(String tenantId, int percent, QuotaUsage usage) {
    String period =
        usage.periodStart() == null
            ? "current"
            : String.valueOf(usage.periodStart().getEpochSecond());
    return new StaffAlert(
        "alert:quota:" + tenantId + ":" + period + ":" + percent,
        tenantId,
        Kind.QUOTA,
        null,
        null,
        percent,
        usage.count(),
        usage.limit(),
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * @param failureKey unique per failure of that conversation (made in its workflow)
   */
  public static StaffAlert needsAttention(
      String tenantId, String workflowId, String failureKey, String error) {
    return needsAttention(tenantId, workflowId, failureKey, error, false);
  }

  /**
   * @param failureKey unique per failure of that conversation (made in its workflow)
   * @param retriesByItself the conversation will try again by itself
   */
  public static StaffAlert needsAttention(
      String tenantId,
      String workflowId,
      String failureKey,
      String error,
      boolean retriesByItself) {
    return new StaffAlert(
        "alert:attention:" + workflowId + ":" + failureKey,
        tenantId,
        Kind.NEEDS_ATTENTION,
        null,
        null,
        null,
        null,
        null,
        workflowId,
        error,
        null,
        null,
        retriesByItself ? Boolean.TRUE : null);
  }

  /** The same alert with the clinic's name and language, for its text. */
  public StaffAlert forClinic(String name, String lang) {
    return new StaffAlert(
        key,
        tenantId,
        kind,
        instance,
        state,
        percent,
        count,
        limit,
        workflowId,
        error,
        name,
        lang,
        retriesByItself);
  }
}
