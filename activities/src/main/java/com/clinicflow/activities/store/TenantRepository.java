package com.clinicflow.activities.store;

import com.clinicflow.workflows.tenant.QuotaUsage;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import com.clinicflow.workflows.tenant.TurnCount;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code tenant_config} table, row for row as {@link TenantConfig}. Every call reads or writes
 * the database; the hot path (a lookup per message) goes through {@link CachedTenants} instead.
 *
 * <p>Writes that collide with another tenant throw {@link DuplicateTenantException}; writes that
 * break a schema rule throw {@link InvalidTenantException}. Both name the column.
 */
public class TenantRepository {

  // Mirrors the column defaults of V1__tenants.sql for an insert that leaves them out
  // (TenantRepositoryTest compares against a row that took the schema's own defaults).
  static final String DEFAULT_TIMEZONE = "America/Sao_Paulo";
  static final String DEFAULT_LANGUAGE = "pt-BR";
  static final int DEFAULT_MONTHLY_MESSAGE_LIMIT = 5000;

  private static final TypeReference<Map<String, OpeningHours>> BUSINESS_HOURS =
      new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private static final Map<String, String> UNIQUE_CONSTRAINT_FIELDS =
      Map.of(
          "tenant_config_pkey", "tenant_id",
          "tenant_config_instance_unique", "evolution_instance_name",
          "tenant_config_telegram_chat_unique", "telegram_internal_chat_id");

  private static final RowMapper<TenantConfig> ROW = TenantRepository::mapRow;

  private final JdbcClient jdbc;

  public TenantRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<TenantConfig> findById(String tenantId) {
    return jdbc.sql("SELECT * FROM tenant_config WHERE tenant_id = :tenant_id")
        .param("tenant_id", tenantId)
        .query(ROW)
        .optional();
  }

  /** Through {@code get_tenant_by_instance}, the same function operators use from psql. */
  public Optional<TenantConfig> findByInstance(String instanceName) {
    return jdbc.sql("SELECT * FROM get_tenant_by_instance(:instance_name)")
        .param("instance_name", instanceName)
        .query(ROW)
        .optional();
  }

  public Optional<TenantConfig> findByTelegramChat(long chatId) {
    return jdbc.sql("SELECT * FROM tenant_config WHERE telegram_internal_chat_id = :chat_id")
        .param("chat_id", chatId)
        .query(ROW)
        .optional();
  }

  /**
   * Tenants ordered by id.
   *
   * @param active null = all, else only active or only inactive tenants
   * @param search null or blank = all, else a case-insensitive substring of the clinic name or the
   *     Evolution instance name
   */
  public List<TenantConfig> list(Boolean active, String search) {
    String pattern = search == null || search.isBlank() ? null : "%" + likeEscape(search) + "%";
    return jdbc.sql(
            """
            SELECT * FROM tenant_config
             WHERE (CAST(:active AS boolean) IS NULL OR is_active = CAST(:active AS boolean))
               AND (CAST(:pattern AS text) IS NULL
                    OR clinic_name ILIKE CAST(:pattern AS text)
                    OR evolution_instance_name ILIKE CAST(:pattern AS text))
             ORDER BY tenant_id
            """)
        .param("active", active)
        .param("pattern", pattern)
        .query(ROW)
        .list();
  }

  /**
   * Inserts a tenant and returns the stored row. Read-only fields ({@code current_message_count},
   * {@code quota_period_start}, {@code created_at}, {@code updated_at}) are ignored: the count
   * starts at 0 and the quota period is the current month in the clinic's time zone. Optional
   * fields left null take the schema's defaults.
   */
  public TenantConfig insert(TenantConfig tenant) {
    requireKnownTimezone(tenant.timezone());
    return translatingConstraintViolations(
        () ->
            jdbc.sql(
                    """
                    INSERT INTO tenant_config (
                        tenant_id, clinic_name, evolution_instance_name, google_calendar_id,
                        google_tasks_list_id, mcp_calendar_endpoint, telegram_internal_chat_id,
                        system_prompt_patient, system_prompt_internal, system_prompt_confirmation,
                        business_hours, clinic_info, timezone, language, is_active,
                        monthly_message_limit, quota_period_start, fallback_message,
                        quota_exceeded_message, transcript_retention_days)
                    VALUES (
                        :tenant_id, :clinic_name, :evolution_instance_name, :google_calendar_id,
                        :google_tasks_list_id, :mcp_calendar_endpoint,
                        CAST(:telegram_internal_chat_id AS bigint),
                        :system_prompt_patient, :system_prompt_internal, :system_prompt_confirmation,
                        CAST(:business_hours AS jsonb), CAST(:clinic_info AS jsonb), :timezone,
                        :language, :is_active, :monthly_message_limit,
                        current_quota_period_start(:timezone), :fallback_message,
                        :quota_exceeded_message, CAST(:transcript_retention_days AS integer))
                    RETURNING *
                    """)
                .param("tenant_id", tenant.tenantId())
                .param("clinic_name", tenant.clinicName())
                .param("evolution_instance_name", tenant.evolutionInstanceName())
                .param("google_calendar_id", tenant.googleCalendarId())
                .param("google_tasks_list_id", tenant.googleTasksListId())
                .param("mcp_calendar_endpoint", tenant.mcpCalendarEndpoint())
                .param("telegram_internal_chat_id", tenant.telegramInternalChatId())
                .param("system_prompt_patient", tenant.systemPromptPatient())
                .param("system_prompt_internal", tenant.systemPromptInternal())
                .param("system_prompt_confirmation", tenant.systemPromptConfirmation())
                .param("business_hours", jsonOrEmpty(tenant.businessHours()))
                .param("clinic_info", jsonOrEmpty(tenant.clinicInfo()))
                .param("timezone", orDefault(tenant.timezone(), DEFAULT_TIMEZONE))
                .param("language", orDefault(tenant.language(), DEFAULT_LANGUAGE))
                .param("is_active", orDefault(tenant.isActive(), Boolean.TRUE))
                .param(
                    "monthly_message_limit",
                    orDefault(tenant.monthlyMessageLimit(), DEFAULT_MONTHLY_MESSAGE_LIMIT))
                .param("fallback_message", tenant.fallbackMessage())
                .param("quota_exceeded_message", tenant.quotaExceededMessage())
                .param("transcript_retention_days", tenant.transcriptRetentionDays())
                .query(ROW)
                .single());
  }

  /** {@link #update(String, TenantConfig, Set)} clearing nothing. */
  public Optional<TenantConfig> update(String tenantId, TenantConfig patch) {
    return update(tenantId, patch, Set.of());
  }

  /**
   * Applies the non-null fields of {@code patch} in one statement and returns the stored row; empty
   * when the tenant does not exist. The id and the read-only fields of the patch are ignored. A
   * given {@code business_hours} or {@code clinic_info} replaces the stored object as a whole (a
   * day missing from the new hours is closed). A null leaves a field as it is; {@code cleared}
   * names the fields of {@link TenantConfig#CLEARABLE_FIELDS} to set to null (others are ignored).
   */
  public Optional<TenantConfig> update(String tenantId, TenantConfig patch, Set<String> cleared) {
    requireKnownTimezone(patch.timezone());
    return translatingConstraintViolations(
        () ->
            jdbc.sql(
                    """
                    UPDATE tenant_config SET
                      clinic_name = COALESCE(CAST(:clinic_name AS text), clinic_name),
                      evolution_instance_name =
                        COALESCE(CAST(:evolution_instance_name AS text), evolution_instance_name),
                      google_calendar_id = CASE WHEN :clear_google_calendar_id THEN NULL
                        ELSE COALESCE(CAST(:google_calendar_id AS text), google_calendar_id) END,
                      google_tasks_list_id = CASE WHEN :clear_google_tasks_list_id THEN NULL
                        ELSE COALESCE(CAST(:google_tasks_list_id AS text), google_tasks_list_id) END,
                      mcp_calendar_endpoint = CASE WHEN :clear_mcp_calendar_endpoint THEN NULL
                        ELSE COALESCE(CAST(:mcp_calendar_endpoint AS text), mcp_calendar_endpoint) END,
                      telegram_internal_chat_id = CASE WHEN :clear_telegram_internal_chat_id
                        THEN NULL ELSE COALESCE(
                          CAST(:telegram_internal_chat_id AS bigint), telegram_internal_chat_id)
                        END,
                      system_prompt_patient =
                        COALESCE(CAST(:system_prompt_patient AS text), system_prompt_patient),
                      system_prompt_internal =
                        COALESCE(CAST(:system_prompt_internal AS text), system_prompt_internal),
                      system_prompt_confirmation = COALESCE(
                        CAST(:system_prompt_confirmation AS text), system_prompt_confirmation),
                      business_hours = COALESCE(CAST(:business_hours AS jsonb), business_hours),
                      clinic_info = COALESCE(CAST(:clinic_info AS jsonb), clinic_info),
                      timezone = COALESCE(CAST(:timezone AS text), timezone),
                      language = COALESCE(CAST(:language AS text), language),
                      is_active = COALESCE(CAST(:is_active AS boolean), is_active),
                      monthly_message_limit =
                        COALESCE(CAST(:monthly_message_limit AS integer), monthly_message_limit),
                      fallback_message = COALESCE(CAST(:fallback_message AS text), fallback_message),
                      quota_exceeded_message =
                        COALESCE(CAST(:quota_exceeded_message AS text), quota_exceeded_message),
                      transcript_retention_days = CASE WHEN :clear_transcript_retention_days
                        THEN NULL ELSE COALESCE(
                          CAST(:transcript_retention_days AS integer), transcript_retention_days)
                        END
                    WHERE tenant_id = :tenant_id
                    RETURNING *
                    """)
                .param("tenant_id", tenantId)
                .param("clinic_name", patch.clinicName())
                .param("evolution_instance_name", patch.evolutionInstanceName())
                .param("google_calendar_id", patch.googleCalendarId())
                .param("google_tasks_list_id", patch.googleTasksListId())
                .param("mcp_calendar_endpoint", patch.mcpCalendarEndpoint())
                .param("telegram_internal_chat_id", patch.telegramInternalChatId())
                .param("system_prompt_patient", patch.systemPromptPatient())
                .param("system_prompt_internal", patch.systemPromptInternal())
                .param("system_prompt_confirmation", patch.systemPromptConfirmation())
                .param("business_hours", jsonOrNull(patch.businessHours()))
                .param("clinic_info", jsonOrNull(patch.clinicInfo()))
                .param("timezone", patch.timezone())
                .param("language", patch.language())
                .param("is_active", patch.isActive())
                .param("monthly_message_limit", patch.monthlyMessageLimit())
                .param("fallback_message", patch.fallbackMessage())
                .param("quota_exceeded_message", patch.quotaExceededMessage())
                .param("transcript_retention_days", patch.transcriptRetentionDays())
                .params(clearFlags(cleared))
                .query(ROW)
                .optional());
  }

  /** {@code clear_<field>} for each clearable field: whether the update sets it to null. */
  private static Map<String, Object> clearFlags(Set<String> cleared) {
    Map<String, Object> flags = new HashMap<>();
    TenantConfig.CLEARABLE_FIELDS.forEach(
        field -> flags.put("clear_" + field, cleared.contains(field)));
    return flags;
  }

  /** Activates or deactivates; false when the tenant does not exist. */
  public boolean setActive(String tenantId, boolean active) {
    return jdbc.sql("UPDATE tenant_config SET is_active = :active WHERE tenant_id = :tenant_id")
            .param("tenant_id", tenantId)
            .param("active", active)
            .update()
        > 0;
  }

  /** Deletes the tenant and, by cascade, its secrets, log, conversations and ledger. */
  public boolean delete(String tenantId) {
    return jdbc.sql("DELETE FROM tenant_config WHERE tenant_id = :tenant_id")
            .param("tenant_id", tenantId)
            .update()
        > 0;
  }

  /** Starts a new quota period now ({@code reset_message_quota}); false for an unknown tenant. */
  public boolean resetQuota(String tenantId) {
    return jdbc.sql("SELECT COALESCE(reset_message_quota(:tenant_id), false)")
        .param("tenant_id", tenantId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Counts one message against the tenant's monthly quota, without a turn key: every call counts.
   * Empty for an unknown tenant.
   */
  public Optional<QuotaUsage> countMessage(String tenantId) {
    return countMessage(tenantId, null);
  }

  /**
   * Counts the turn {@code turnKey} once ({@code increment_message_count}: one call, exact under
   * concurrency, rolls an ended period over): a second call with the same key counts nothing and
   * returns what the first call returned (V8, V9). A null key counts every time (the function's
   * one-argument form). Empty for an unknown tenant.
   */
  public Optional<QuotaUsage> countMessage(String tenantId, String turnKey) {
    return jdbc.sql(
            """
            SELECT accepted, message_count, message_limit, period_start
              FROM increment_message_count(:tenant_id, CAST(:turn_key AS text))
            """)
        .param("tenant_id", tenantId)
        .param("turn_key", turnKey)
        .query(TenantRepository::quotaUsage)
        .optional();
  }

  /**
   * Counts the turn once and, the first time, writes its activity-log line in the same transaction
   * ({@code count_turn}, V10): {@code message_received} or {@code quota_exceeded}, with count,
   * limit and channel. A repeat returns the first answer and writes nothing. Empty for an unknown
   * tenant.
   */
  public Optional<QuotaUsage> countTurn(TurnCount count) {
    return jdbc.sql(
            """
            SELECT accepted, message_count, message_limit, period_start
              FROM count_turn(:tenant_id, :turn_key, :channel, :workflow_id)
            """)
        .param("tenant_id", count.tenantId())
        .param("turn_key", count.turnKey())
        .param("channel", count.channel())
        .param("workflow_id", count.workflowId())
        .query(TenantRepository::quotaUsage)
        .optional();
  }

  private static QuotaUsage quotaUsage(ResultSet rs, int rowNum) throws SQLException {
    return new QuotaUsage(
        rs.getBoolean("accepted"),
        rs.getInt("message_count"),
        rs.getInt("message_limit"),
        instant(rs, "period_start"));
  }

  private static TenantConfig mapRow(ResultSet rs, int rowNum) throws SQLException {
    return new TenantConfig(
        rs.getString("tenant_id"),
        rs.getString("clinic_name"),
        rs.getString("evolution_instance_name"),
        rs.getString("google_calendar_id"),
        rs.getString("google_tasks_list_id"),
        rs.getString("mcp_calendar_endpoint"),
        rs.getObject("telegram_internal_chat_id", Long.class),
        rs.getString("system_prompt_patient"),
        rs.getString("system_prompt_internal"),
        rs.getString("system_prompt_confirmation"),
        JsonColumns.read(rs.getString("business_hours"), BUSINESS_HOURS),
        JsonColumns.read(rs.getString("clinic_info"), JSON_OBJECT),
        rs.getString("timezone"),
        rs.getString("language"),
        rs.getBoolean("is_active"),
        rs.getInt("monthly_message_limit"),
        rs.getInt("current_message_count"),
        instant(rs, "quota_period_start"),
        rs.getString("fallback_message"),
        rs.getString("quota_exceeded_message"),
        rs.getObject("transcript_retention_days", Integer.class),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * The schema cannot check a time zone name, and a wrong one would make every quota count of the
   * clinic fail ({@code current_quota_period_start} converts with it). Region ids only: Java and
   * PostgreSQL both read them from the IANA database, whereas offset spellings such as {@code
   * UTC+3} mean opposite signs to the two.
   */
  private static void requireKnownTimezone(String timezone) {
    if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
      throw new InvalidTenantException(
          "timezone", "timezone must be an IANA zone id such as America/Sao_Paulo", null);
    }
  }

  private static <T> T translatingConstraintViolations(Supplier<T> write) {
    try {
      return write.get();
    } catch (DataIntegrityViolationException e) {
      throw translate(e);
    }
  }

  /** Names the column from the constraint PostgreSQL reports, not from its (localised) text. */
  private static RuntimeException translate(DataIntegrityViolationException e) {
    ServerErrorMessage error = serverError(e);
    if (error == null) {
      return e;
    }
    String constraint = error.getConstraint();
    switch (String.valueOf(error.getSQLState())) {
      case "23505":
        String field = UNIQUE_CONSTRAINT_FIELDS.get(constraint);
        return field == null ? e : new DuplicateTenantException(field, e);
      case "23502":
        String column = error.getColumn();
        return new InvalidTenantException(column, column + " is required", e);
      case "23514":
        if ("tenant_id_is_slug".equals(constraint)) {
          return new InvalidTenantException(
              "tenant_id",
              "tenant_id must be 1 to 63 lowercase letters, digits or dashes, not starting with a"
                  + " dash",
              e);
        }
        if ("quota_not_negative".equals(constraint)) {
          return new InvalidTenantException(
              "monthly_message_limit", "monthly_message_limit must not be negative", e);
        }
        if ("transcript_retention_days_range".equals(constraint)) {
          return new InvalidTenantException(
              "transcript_retention_days",
              "transcript_retention_days must be from 0 (keep for ever) to 36500 days",
              e);
        }
        return e;
      default:
        return e;
    }
  }

  private static ServerErrorMessage serverError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException psql) {
        return psql.getServerErrorMessage();
      }
    }
    return null;
  }

  private static String jsonOrEmpty(Map<String, ?> value) {
    return value == null ? "{}" : JsonColumns.write(value);
  }

  private static String jsonOrNull(Map<String, ?> value) {
    return value == null ? null : JsonColumns.write(value);
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String likeEscape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
