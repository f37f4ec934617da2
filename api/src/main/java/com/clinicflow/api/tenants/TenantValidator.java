package com.clinicflow.api.tenants;

import com.clinicflow.api.errors.InvalidFieldException;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules a tenant must meet before it reaches the database. Written by hand because {@link
 * TenantConfig} is a contract record of the {@code workflows} module, which carries no validation
 * annotations; every problem is reported with the field's JSON name.
 */
@Component
class TenantValidator {

  static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  private static final Pattern HH_MM = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /** Reads a patch by its JSON field names, as {@code clear} names them. */
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  /** A century: what the schema's check allows, and far past any record-keeping law. */
  static final int MAX_TRANSCRIPT_RETENTION_DAYS = 36_500;

  /** A complete new tenant: the required fields must be there. */
  void validateCreate(TenantConfig tenant) {
    Problems problems = new Problems();
    if (tenant.tenantId() == null || tenant.tenantId().isBlank()) {
      problems.add("tenant_id", "tenant_id is required.");
    } else if (!SLUG.matcher(tenant.tenantId()).matches()) {
      problems.add(
          "tenant_id",
          "tenant_id must be a slug: lower-case letters, digits and '-', 1 to 63 characters,"
              + " not starting with '-'.");
    }
    required(problems, "clinic_name", tenant.clinicName());
    required(problems, "evolution_instance_name", tenant.evolutionInstanceName());
    required(problems, "system_prompt_patient", tenant.systemPromptPatient());
    required(problems, "system_prompt_internal", tenant.systemPromptInternal());
    required(problems, "system_prompt_confirmation", tenant.systemPromptConfirmation());
    required(problems, "fallback_message", tenant.fallbackMessage());
    required(problems, "quota_exceeded_message", tenant.quotaExceededMessage());
    validateOptional(problems, tenant);
    problems.throwIfAny();
  }

  /**
   * A partial update of tenant {@code pathTenantId}: only the given (non-null) fields count, and
   * the {@code cleared} ones must be clearable and not given too.
   */
  void validatePatch(String pathTenantId, TenantConfig patch, Set<String> cleared) {
    Problems problems = new Problems();
    JsonNode given = JSON.valueToTree(patch);
    for (String field : cleared) {
      if (!TenantConfig.CLEARABLE_FIELDS.contains(field)) {
        problems.add(
            "clear",
            "clear names fields to set back to null, of "
                + String.join(", ", TenantConfig.CLEARABLE_FIELDS.stream().sorted().toList())
                + "; "
                + field
                + " is not one of them.");
      } else if (!given.path(field).isNull()) {
        problems.add("clear", field + " cannot be both given and cleared.");
      }
    }
    if (patch.tenantId() != null && !patch.tenantId().equals(pathTenantId)) {
      problems.add(
          "tenant_id", "tenant_id cannot be changed: it must be absent or equal to the URL's id.");
    }
    notBlankWhenGiven(problems, "clinic_name", patch.clinicName());
    notBlankWhenGiven(problems, "evolution_instance_name", patch.evolutionInstanceName());
    notBlankWhenGiven(problems, "system_prompt_patient", patch.systemPromptPatient());
    notBlankWhenGiven(problems, "system_prompt_internal", patch.systemPromptInternal());
    notBlankWhenGiven(problems, "system_prompt_confirmation", patch.systemPromptConfirmation());
    notBlankWhenGiven(problems, "fallback_message", patch.fallbackMessage());
    notBlankWhenGiven(problems, "quota_exceeded_message", patch.quotaExceededMessage());
    validateOptional(problems, patch);
    problems.throwIfAny();
  }

  private static void validateOptional(Problems problems, TenantConfig tenant) {
    // Region ids only (what the database's time zone functions read the same way as Java):
    // offsets such as UTC+3 mean opposite signs to the two.
    if (tenant.timezone() != null && !ZoneId.getAvailableZoneIds().contains(tenant.timezone())) {
      problems.add("timezone", "timezone must be an IANA time zone such as America/Sao_Paulo.");
    }
    notBlankWhenGiven(problems, "language", tenant.language());
    if (tenant.monthlyMessageLimit() != null && tenant.monthlyMessageLimit() < 0) {
      problems.add("monthly_message_limit", "monthly_message_limit must be 0 or more.");
    }
    Integer retention = tenant.transcriptRetentionDays();
    if (retention != null && (retention < 0 || retention > MAX_TRANSCRIPT_RETENTION_DAYS)) {
      problems.add(
          "transcript_retention_days",
          "transcript_retention_days must be a number of days from 1 to "
              + MAX_TRANSCRIPT_RETENTION_DAYS
              + ", or 0 to keep the clinic's transcripts for ever.");
    }
    if (tenant.businessHours() != null) {
      businessHours(problems, tenant.businessHours());
    }
  }

  private static void businessHours(Problems problems, Map<String, OpeningHours> hours) {
    for (Map.Entry<String, OpeningHours> day : hours.entrySet()) {
      String field = "business_hours." + day.getKey();
      if (!DAYS.contains(day.getKey())) {
        problems.add(
            field,
            field + " is not a day: use mon, tue, wed, thu, fri, sat or sun (omit a closed day).");
        continue;
      }
      OpeningHours open = day.getValue();
      if (open == null) {
        problems.add(field, field + " needs open and close; omit the day to close it.");
        continue;
      }
      boolean openValid = time(problems, field + ".open", open.open());
      boolean closeValid = time(problems, field + ".close", open.close());
      if (openValid
          && closeValid
          && !LocalTime.parse(open.open()).isBefore(LocalTime.parse(open.close()))) {
        problems.add(field, field + ".open must be before " + field + ".close.");
      }
    }
  }

  private static boolean time(Problems problems, String field, String value) {
    if (value == null || !HH_MM.matcher(value).matches()) {
      problems.add(field, field + " must be a time as HH:mm, e.g. 08:00.");
      return false;
    }
    return true;
  }

  private static void required(Problems problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field, field + " is required and cannot be blank.");
    }
  }

  private static void notBlankWhenGiven(Problems problems, String field, String value) {
    if (value != null && value.isBlank()) {
      problems.add(field, field + " cannot be blank.");
    }
  }

  private static final class Problems {
    private final List<String> fields = new ArrayList<>();
    private final List<String> sentences = new ArrayList<>();

    void add(String field, String sentence) {
      fields.add(field);
      sentences.add(sentence);
    }

    void throwIfAny() {
      if (!fields.isEmpty()) {
        throw new InvalidFieldException(fields, sentences);
      }
    }
  }
}
