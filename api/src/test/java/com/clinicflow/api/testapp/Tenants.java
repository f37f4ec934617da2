package com.clinicflow.api.testapp;

import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import java.time.Instant;
import java.util.Map;

/** Test tenants. */
public final class Tenants {

  private Tenants() {}

  /** The clinic of the Evolution fixtures (instance {@code anota}). */
  public static TenantConfig anota() {
    return tenant("clinica-anota", "anota", null);
  }

  public static TenantConfig tenant(String id, String instance, Long telegramChat) {
    return new TenantConfig(
        id,
        "Clínica " + id,
        instance,
        "agenda@" + id + ".example",
        "tasks-" + id,
        null,
        telegramChat,
        "patient prompt",
        "internal prompt",
        "confirmation prompt",
        Map.of("mon", new OpeningHours("08:00", "18:00")),
        Map.of("address", "Rua A, 1"),
        "America/Sao_Paulo",
        "pt-BR",
        true,
        5000,
        12,
        Instant.parse("2025-11-01T00:00:00Z"),
        "fallback",
        "over quota",
        null,
        Instant.parse("2025-10-01T00:00:00Z"),
        Instant.parse("2025-10-02T00:00:00Z"));
  }
}
