package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.tools.ToolHandler;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the staff tools: offered to {@link ToolScope.Audience#STAFF} only, acting for the
 * invocation's clinic, with the argument parsing they share. Mistakes in arguments are {@link
 * IllegalArgumentException}s, which go back to the model as {@code {"error": …}}.
 */
abstract class StaffTool implements ToolHandler {

  private final String name;
  private final String description;
  private final Map<String, Object> parameters;
  protected final CachedTenants tenants;

  StaffTool(
      String name,
      String description,
      Map<String, Object> properties,
      List<String> required,
      CachedTenants tenants) {
    this.name = name;
    this.description = description;
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    this.parameters = schema;
    this.tenants = tenants;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ToolSpec spec() {
    return new ToolSpec(name, description, parameters);
  }

  /** Staff only; subclasses narrow further (e.g. a clinic without a task list). */
  @Override
  public boolean offeredTo(ToolScope scope) {
    return scope.audience() == ToolScope.Audience.STAFF && offeredToClinic(scope.tenantId());
  }

  boolean offeredToClinic(String tenantId) {
    return true;
  }

  TenantConfig clinic(ToolInvocation invocation) {
    return tenants
        .findById(invocation.tenantId())
        .orElseThrow(() -> Errors.NOT_FOUND.failure("The clinic no longer exists"));
  }

  static Map<String, Object> prop(String type, String description) {
    return Map.of("type", type, "description", description);
  }

  static String text(ToolInvocation invocation, String name) {
    Object value = args(invocation).get(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.toString().strip();
  }

  static String optionalText(ToolInvocation invocation, String name) {
    Object value = args(invocation).get(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  static Integer optionalInt(ToolInvocation invocation, String name) {
    Object value = args(invocation).get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  /**
   * A patient's WhatsApp number as digits with country and area code: formatting characters are
   * dropped, and anything but 10 to 15 digits is refused.
   */
  static String phone(ToolInvocation invocation) {
    String digits = phoneDigits(text(invocation, "phone"));
    if (digits == null) {
      throw new IllegalArgumentException(
          "phone must be the patient's WhatsApp number in digits with country and area code,"
              + " e.g. 5511912345678");
    }
    return digits;
  }

  /** {@code given} without formatting characters when that is 10 to 15 digits, else null. */
  static String phoneDigits(String given) {
    String digits = given.replaceAll("[\\s()+.\\-]", "");
    return digits.matches("\\d{10,15}") ? digits : null;
  }

  /** The {@code contact} argument of a tool about one patient, as {@link #patientContact} reads. */
  static final Map<String, Object> CONTACT =
      Map.of(
          "contact",
          prop(
              "string",
              "The patient: WhatsApp number in digits with country and area code, or lid:… as"
                  + " a list of patients shows one known only that way"));

  /**
   * The patient a tool is about ({@code contact}): a phone as {@link #phone} reads it, or a
   * LID-only contact as the patient lists show it ({@code lid:} and its digits).
   */
  static String patientContact(ToolInvocation invocation) {
    String given = text(invocation, "contact");
    if (given.startsWith(ConversationKey.LID_PREFIX)
        && given.substring(ConversationKey.LID_PREFIX.length()).matches("\\d{5,20}")) {
      return given;
    }
    String digits = phoneDigits(given);
    if (digits == null) {
      throw new IllegalArgumentException(
          "contact must be the patient's WhatsApp number in digits with country and area code,"
              + " or lid:… as a list of patients shows it");
    }
    return digits;
  }

  static LocalDate date(ToolInvocation invocation, String name) {
    try {
      return LocalDate.parse(text(invocation, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a date as YYYY-MM-DD");
    }
  }

  static LocalDate optionalDate(ToolInvocation invocation, String name) {
    return optionalText(invocation, name) == null ? null : date(invocation, name);
  }

  static LocalTime time(ToolInvocation invocation, String name) {
    try {
      return LocalTime.parse(text(invocation, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a time as HH:mm");
    }
  }

  private static Map<String, Object> args(ToolInvocation invocation) {
    return invocation.call().args() == null ? Map.of() : invocation.call().args();
  }
}
