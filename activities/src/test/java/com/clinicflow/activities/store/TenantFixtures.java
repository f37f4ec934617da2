package com.clinicflow.activities.store;

import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Tenants with every field set, and a small wait for what happens in another thread. */
final class TenantFixtures {

  private TenantFixtures() {}

  static TenantConfig fullTenant(String tenantId, String instance, Long chatId) {
    Map<String, Object> clinicInfo = new LinkedHashMap<>();
    clinicInfo.put("address", "Rua das Flores, 100");
    clinicInfo.put("phone", "+55 11 4000-0000");
    clinicInfo.put("appointment_minutes", 30);
    clinicInfo.put("accepts_insurance", true);
    clinicInfo.put("specialties", List.of("dermatology", "pediatrics"));
    clinicInfo.put("parking", Map.of("spots", 4, "free", false));
    return new TenantConfig(
        tenantId,
        "Clínica " + tenantId,
        instance,
        "agenda@" + tenantId + ".example",
        "tasks-" + tenantId,
        "https://mcp.example/" + tenantId,
        chatId,
        "You are the assistant of " + tenantId + ".",
        "You help the staff of " + tenantId + ".",
        "Remind the patient of tomorrow's appointment.",
        Map.of(
            "mon", new OpeningHours("08:00", "18:00"),
            "fri", new OpeningHours("08:00", "17:00"),
            "sat", new OpeningHours("08:00", "12:00")),
        clinicInfo,
        "America/Manaus",
        "en-US",
        true,
        250,
        null,
        null,
        "Sorry, we could not answer now.",
        "We reached our message limit this month.",
        730,
        null,
        null);
  }

  /** Only the fields the schema requires; everything optional left to defaults. */
  static TenantConfig minimalTenant(String tenantId, String instance) {
    return new TenantConfig(
        tenantId,
        "Clinic " + tenantId,
        instance,
        null,
        null,
        null,
        null,
        "patient prompt",
        "internal prompt",
        "confirmation prompt",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "fallback",
        "quota message",
        null,
        null,
        null);
  }

  /** A patch that sets nothing; tests fill in what they change. */
  static TenantConfig emptyPatch() {
    return new TenantConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  static Instant longAgo() {
    return OffsetDateTime.parse("2001-01-01T00:00:00Z").toInstant();
  }

  /** Polls until the condition holds or the deadline passes; true when it held. */
  static boolean eventually(long timeoutMillis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
