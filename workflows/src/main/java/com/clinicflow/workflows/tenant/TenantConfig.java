package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A clinic's configuration: one row of {@code tenant_config}. The JSON names are the column names,
 * so the admin API, the database and workflow histories speak the same words.
 *
 * <p>Nullable boxed fields let the same record carry a partial update (PATCH): a null means "not
 * given". A day missing from {@link #businessHours()} is closed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantConfig(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("clinic_name") String clinicName,
    @JsonProperty("evolution_instance_name") String evolutionInstanceName,
    @JsonProperty("google_calendar_id") String googleCalendarId,
    @JsonProperty("google_tasks_list_id") String googleTasksListId,
    @JsonProperty("mcp_calendar_endpoint") String mcpCalendarEndpoint,
    @JsonProperty("telegram_internal_chat_id") Long telegramInternalChatId,
    @JsonProperty("system_prompt_patient") String systemPromptPatient,
    @JsonProperty("system_prompt_internal") String systemPromptInternal,
    @JsonProperty("system_prompt_confirmation") String systemPromptConfirmation,
    @JsonProperty("business_hours") Map<String, OpeningHours> businessHours,
    @JsonProperty("clinic_info") Map<String, Object> clinicInfo,
    @JsonProperty("timezone") String timezone,
    @JsonProperty("language") String language,
    @JsonProperty("is_active") Boolean isActive,
    @JsonProperty("monthly_message_limit") Integer monthlyMessageLimit,
    @JsonProperty("current_message_count") Integer currentMessageCount,
    @JsonProperty("quota_period_start") Instant quotaPeriodStart,
    @JsonProperty("fallback_message") String fallbackMessage,
    @JsonProperty("quota_exceeded_message") String quotaExceededMessage,
    @JsonProperty("transcript_retention_days") Integer transcriptRetentionDays,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  /**
   * The optional fields an update may set back to null (a PATCH's {@code clear}): a clinic's
   * calendar, task list, MCP endpoint or staff chat it no longer has, or its own transcript
   * retention (then the deployment's applies). The others are required, or have defaults.
   */
  public static final Set<String> CLEARABLE_FIELDS =
      Set.of(
          "google_calendar_id",
          "google_tasks_list_id",
          "mcp_calendar_endpoint",
          "telegram_internal_chat_id",
          "transcript_retention_days");

  /** Opening and closing time of one day, local to the clinic, as {@code "HH:mm"}. */
  public record OpeningHours(
      @JsonProperty("open") String open, @JsonProperty("close") String close) {}

  /**
   * The clinic's configuration without what only the system writes (message count, quota period,
   * timestamps): what an operator may set, and what decides whether a configuration changed.
   */
  public TenantConfig configurationOnly() {
    return new TenantConfig(
        tenantId,
        clinicName,
        evolutionInstanceName,
        googleCalendarId,
        googleTasksListId,
        mcpCalendarEndpoint,
        telegramInternalChatId,
        systemPromptPatient,
        systemPromptInternal,
        systemPromptConfirmation,
        businessHours,
        clinicInfo,
        timezone,
        language,
        isActive,
        monthlyMessageLimit,
        null,
        null,
        fallbackMessage,
        quotaExceededMessage,
        transcriptRetentionDays,
        null,
        null);
  }

  /** The same configuration under another id (the id of a URL, for a write). */
  public TenantConfig withTenantId(String id) {
    return new TenantConfig(
        id,
        clinicName,
        evolutionInstanceName,
        googleCalendarId,
        googleTasksListId,
        mcpCalendarEndpoint,
        telegramInternalChatId,
        systemPromptPatient,
        systemPromptInternal,
        systemPromptConfirmation,
        businessHours,
        clinicInfo,
        timezone,
        language,
        isActive,
        monthlyMessageLimit,
        currentMessageCount,
        quotaPeriodStart,
        fallbackMessage,
        quotaExceededMessage,
        transcriptRetentionDays,
        createdAt,
        updatedAt);
  }

  /** The same configuration, activated or deactivated. */
  public TenantConfig withActive(boolean active) {
    return new TenantConfig(
        tenantId,
        clinicName,
        evolutionInstanceName,
        googleCalendarId,
        googleTasksListId,
        mcpCalendarEndpoint,
        telegramInternalChatId,
        systemPromptPatient,
        systemPromptInternal,
        systemPromptConfirmation,
        businessHours,
        clinicInfo,
        timezone,
        language,
        active,
        monthlyMessageLimit,
        currentMessageCount,
        quotaPeriodStart,
        fallbackMessage,
        quotaExceededMessage,
        transcriptRetentionDays,
        createdAt,
        updatedAt);
  }

  /** Whether the clinic is serving messages; an absent flag counts as active. */
  public boolean active() {
    return isActive == null || isActive;
  }
}
