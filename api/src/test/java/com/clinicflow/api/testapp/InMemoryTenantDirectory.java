package com.clinicflow.api.testapp;

import com.clinicflow.api.tenants.TenantConflictException;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link TenantDirectory} in memory, with the port's conflict and partial-update semantics. */
public class InMemoryTenantDirectory implements TenantDirectory {

  private final Map<String, TenantConfig> tenants = new TreeMap<>();
  private final List<TenantConfig> patches = new ArrayList<>();
  private final List<Set<String>> clears = new ArrayList<>();
  private final List<TenantConfig> created = new ArrayList<>();
  private final AtomicInteger instanceLookups = new AtomicInteger();
  private RuntimeException failure;
  private Boolean lastListActive;
  private String lastListSearch;

  public synchronized void reset() {
    tenants.clear();
    patches.clear();
    clears.clear();
    created.clear();
    instanceLookups.set(0);
    failure = null;
    lastListActive = null;
    lastListSearch = null;
  }

  /** Every following call throws this. */
  public synchronized void failWith(RuntimeException e) {
    this.failure = e;
  }

  public synchronized void put(TenantConfig tenant) {
    tenants.put(tenant.tenantId(), tenant);
  }

  public synchronized List<TenantConfig> patches() {
    return List.copyOf(patches);
  }

  /** The fields each update was asked to clear, in order. */
  public synchronized List<Set<String>> clears() {
    return List.copyOf(clears);
  }

  public synchronized List<TenantConfig> created() {
    return List.copyOf(created);
  }

  public synchronized Boolean lastListActive() {
    return lastListActive;
  }

  public synchronized String lastListSearch() {
    return lastListSearch;
  }

  @Override
  public synchronized List<TenantConfig> list(Boolean active, String search) {
    failIfAsked();
    lastListActive = active;
    lastListSearch = search;
    return tenants.values().stream()
        .filter(t -> active == null || t.active() == active)
        .filter(
            t ->
                search == null
                    || contains(t.clinicName(), search)
                    || contains(t.evolutionInstanceName(), search))
        .toList();
  }

  @Override
  public synchronized Optional<TenantConfig> find(String tenantId) {
    failIfAsked();
    return Optional.ofNullable(tenants.get(tenantId));
  }

  @Override
  public synchronized Optional<TenantConfig> findByInstance(String instanceName) {
    failIfAsked();
    instanceLookups.incrementAndGet();
    return tenants.values().stream()
        .filter(t -> instanceName.equals(t.evolutionInstanceName()))
        .findFirst();
  }

  @Override
  public synchronized TenantConfig create(TenantConfig t) {
    failIfAsked();
    created.add(t);
    if (tenants.containsKey(t.tenantId())) {
      throw new TenantConflictException("tenant_id", "taken: " + t.tenantId());
    }
    checkUnique(t.tenantId(), t.evolutionInstanceName(), t.telegramInternalChatId());
    Instant now = Instant.parse("2025-11-13T13:00:00Z");
    TenantConfig stored =
        new TenantConfig(
            t.tenantId(),
            t.clinicName(),
            t.evolutionInstanceName(),
            t.googleCalendarId(),
            t.googleTasksListId(),
            t.mcpCalendarEndpoint(),
            t.telegramInternalChatId(),
            t.systemPromptPatient(),
            t.systemPromptInternal(),
            t.systemPromptConfirmation(),
            t.businessHours() == null ? Map.of() : t.businessHours(),
            t.clinicInfo() == null ? Map.of() : t.clinicInfo(),
            t.timezone() == null ? "America/Sao_Paulo" : t.timezone(),
            t.language() == null ? "pt-BR" : t.language(),
            t.isActive() == null ? Boolean.TRUE : t.isActive(),
            t.monthlyMessageLimit() == null ? 5000 : t.monthlyMessageLimit(),
            0,
            Instant.parse("2025-11-01T00:00:00Z"),
            t.fallbackMessage(),
            t.quotaExceededMessage(),
            t.transcriptRetentionDays(),
            now,
            now);
    tenants.put(stored.tenantId(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<TenantConfig> update(
      String tenantId, TenantConfig p, Set<String> cleared) {
    failIfAsked();
    patches.add(p);
    clears.add(Set.copyOf(cleared));
    TenantConfig o = tenants.get(tenantId);
    if (o == null) {
      return Optional.empty();
    }
    checkUnique(tenantId, p.evolutionInstanceName(), p.telegramInternalChatId());
    TenantConfig merged =
        new TenantConfig(
            o.tenantId(),
            or(p.clinicName(), o.clinicName()),
            or(p.evolutionInstanceName(), o.evolutionInstanceName()),
            cleared.contains("google_calendar_id")
                ? null
                : or(p.googleCalendarId(), o.googleCalendarId()),
            cleared.contains("google_tasks_list_id")
                ? null
                : or(p.googleTasksListId(), o.googleTasksListId()),
            cleared.contains("mcp_calendar_endpoint")
                ? null
                : or(p.mcpCalendarEndpoint(), o.mcpCalendarEndpoint()),
            cleared.contains("telegram_internal_chat_id")
                ? null
                : or(p.telegramInternalChatId(), o.telegramInternalChatId()),
            or(p.systemPromptPatient(), o.systemPromptPatient()),
            or(p.systemPromptInternal(), o.systemPromptInternal()),
            or(p.systemPromptConfirmation(), o.systemPromptConfirmation()),
            or(p.businessHours(), o.businessHours()),
            or(p.clinicInfo(), o.clinicInfo()),
            or(p.timezone(), o.timezone()),
            or(p.language(), o.language()),
            or(p.isActive(), o.isActive()),
            or(p.monthlyMessageLimit(), o.monthlyMessageLimit()),
            o.currentMessageCount(),
            o.quotaPeriodStart(),
            or(p.fallbackMessage(), o.fallbackMessage()),
            or(p.quotaExceededMessage(), o.quotaExceededMessage()),
            cleared.contains("transcript_retention_days")
                ? null
                : or(p.transcriptRetentionDays(), o.transcriptRetentionDays()),
            o.createdAt(),
            Instant.parse("2025-11-14T09:00:00Z"));
    tenants.put(tenantId, merged);
    return Optional.of(merged);
  }

  @Override
  public synchronized boolean setActive(String tenantId, boolean active) {
    failIfAsked();
    TenantConfig o = tenants.get(tenantId);
    if (o == null) {
      return false;
    }
    tenants.put(tenantId, with(o, active, o.currentMessageCount(), o.quotaPeriodStart()));
    return true;
  }

  @Override
  public synchronized boolean resetQuota(String tenantId) {
    failIfAsked();
    TenantConfig o = tenants.get(tenantId);
    if (o == null) {
      return false;
    }
    tenants.put(tenantId, with(o, o.active(), 0, Instant.parse("2025-11-14T10:00:00Z")));
    return true;
  }

  private void checkUnique(String self, String instance, Long chat) {
    for (TenantConfig other : tenants.values()) {
      if (other.tenantId().equals(self)) {
        continue;
      }
      if (instance != null && instance.equals(other.evolutionInstanceName())) {
        throw new TenantConflictException("evolution_instance_name", "taken: " + instance);
      }
      if (chat != null && chat.equals(other.telegramInternalChatId())) {
        throw new TenantConflictException("telegram_internal_chat_id", "taken: " + chat);
      }
    }
  }

  private static TenantConfig with(TenantConfig o, boolean active, Integer count, Instant period) {
    return new TenantConfig(
        o.tenantId(),
        o.clinicName(),
        o.evolutionInstanceName(),
        o.googleCalendarId(),
        o.googleTasksListId(),
        o.mcpCalendarEndpoint(),
        o.telegramInternalChatId(),
        o.systemPromptPatient(),
        o.systemPromptInternal(),
        o.systemPromptConfirmation(),
        o.businessHours(),
        o.clinicInfo(),
        o.timezone(),
        o.language(),
        active,
        o.monthlyMessageLimit(),
        count,
        period,
        o.fallbackMessage(),
        o.quotaExceededMessage(),
        o.transcriptRetentionDays(),
        o.createdAt(),
        o.updatedAt());
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }

  private static <T> T or(T given, T old) {
    return given != null ? given : old;
  }

  private static boolean contains(String value, String search) {
    return value != null
        && value.toLowerCase(Locale.ROOT).contains(Objects.requireNonNull(search).toLowerCase());
  }
}
