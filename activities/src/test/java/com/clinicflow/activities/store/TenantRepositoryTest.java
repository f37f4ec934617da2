package com.clinicflow.activities.store;

import static com.clinicflow.activities.store.TenantFixtures.emptyPatch;
import static com.clinicflow.activities.store.TenantFixtures.fullTenant;
import static com.clinicflow.activities.store.TenantFixtures.longAgo;
import static com.clinicflow.activities.store.TenantFixtures.minimalTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import com.clinicflow.workflows.tenant.TurnCount;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class TenantRepositoryTest {

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final TenantRepository tenants = new TenantRepository(jdbc);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
  }

  @Test
  void everyFieldSurvivesARoundTripIncludingJsonColumns() {
    TenantConfig written = fullTenant("clinica-moreira", "moreira_instance", -1001234567890L);

    TenantConfig inserted = tenants.insert(written);
    TenantConfig read = tenants.findById("clinica-moreira").orElseThrow();

    assertThat(read).isEqualTo(inserted);
    assertThat(read)
        .usingRecursiveComparison()
        .ignoringFields("currentMessageCount", "quotaPeriodStart", "createdAt", "updatedAt")
        .isEqualTo(written);
    assertThat(read.businessHours())
        .containsEntry("sat", new OpeningHours("08:00", "12:00"))
        .doesNotContainKey("sun");
    assertThat(read.clinicInfo())
        .containsEntry("appointment_minutes", 30)
        .containsEntry("accepts_insurance", true)
        .containsEntry("specialties", List.of("dermatology", "pediatrics"))
        .containsEntry("parking", Map.of("spots", 4, "free", false));
    assertThat(read.currentMessageCount()).isZero();
    assertThat(read.createdAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(read.updatedAt()).isNotNull();
    assertThat(read.quotaPeriodStart()).isEqualTo(periodStart("America/Manaus"));
  }

  @Test
  void readOnlyFieldsAreIgnoredOnInsert() {
    TenantConfig full = fullTenant("clinic-a", "instance-a", null);
    TenantConfig withReadOnly =
        with(
            with(
                with(with(full, "current_message_count", 99), "quota_period_start", longAgo()),
                "created_at",
                longAgo()),
            "updated_at",
            longAgo());

    TenantConfig stored = tenants.insert(withReadOnly);

    assertThat(stored.currentMessageCount()).isZero();
    assertThat(stored.quotaPeriodStart()).isAfter(longAgo());
    assertThat(stored.createdAt()).isAfter(longAgo());
    assertThat(stored.updatedAt()).isAfter(longAgo());
  }

  @Test
  void optionalFieldsLeftOutTakeTheSchemaDefaults() {
    EmbeddedDatabase.insertTenant("by-sql", "instance-sql", null);
    TenantConfig bySchema = tenants.findById("by-sql").orElseThrow();

    TenantConfig stored = tenants.insert(minimalTenant("by-repo", "instance-repo"));

    assertThat(stored.timezone()).isEqualTo(bySchema.timezone());
    assertThat(stored.language()).isEqualTo(bySchema.language());
    assertThat(stored.isActive()).isEqualTo(bySchema.isActive()).isTrue();
    assertThat(stored.monthlyMessageLimit()).isEqualTo(bySchema.monthlyMessageLimit());
    assertThat(stored.businessHours()).isEmpty();
    assertThat(stored.clinicInfo()).isEmpty();
    assertThat(stored.telegramInternalChatId()).isNull();
    assertThat(stored.googleCalendarId()).isNull();
  }

  @Test
  void tenantsAreFoundByInstanceAndByTelegramChat() {
    tenants.insert(fullTenant("clinic-a", "instance-a", -100L));
    tenants.insert(fullTenant("clinic-b", "instance-b", -200L));

    assertThat(tenants.findByInstance("instance-b"))
        .map(TenantConfig::tenantId)
        .hasValue("clinic-b");
    assertThat(tenants.findByTelegramChat(-100L)).map(TenantConfig::tenantId).hasValue("clinic-a");
    assertThat(tenants.findByInstance("instance-c")).isEmpty();
    assertThat(tenants.findByTelegramChat(-300L)).isEmpty();
    assertThat(tenants.findById("clinic-c")).isEmpty();
  }

  @Test
  void aPatchChangesOnlyTheFieldsItGives() throws Exception {
    TenantConfig before = tenants.insert(fullTenant("clinic-a", "instance-a", -100L));
    Thread.sleep(5); // so that a changed updated_at is visibly later
    TenantConfig patch =
        withFields(
            emptyPatch(),
            "Clínica Nova",
            Map.of("mon", new OpeningHours("09:00", "12:00")),
            false,
            42);

    TenantConfig after = tenants.update("clinic-a", patch).orElseThrow();

    assertThat(after.clinicName()).isEqualTo("Clínica Nova");
    assertThat(after.businessHours()).containsOnlyKeys("mon");
    assertThat(after.isActive()).isFalse();
    assertThat(after.monthlyMessageLimit()).isEqualTo(42);
    assertThat(after.updatedAt()).isAfter(before.updatedAt());
    assertThat(after)
        .usingRecursiveComparison()
        .ignoringFields(
            "clinicName", "businessHours", "isActive", "monthlyMessageLimit", "updatedAt")
        .isEqualTo(before);
    assertThat(tenants.findById("clinic-a")).hasValue(after);
  }

  @Test
  void aClinicsTranscriptRetentionIsSetByAPatchAndKeptByOthers() {
    tenants.insert(minimalTenant("clinic-a", "instance-a"));
    assertThat(tenants.findById("clinic-a").orElseThrow().transcriptRetentionDays())
        .isNull(); // the deployment's retention

    assertThat(tenants.update("clinic-a", withRetentionDays(emptyPatch(), 730)).orElseThrow())
        .extracting(TenantConfig::transcriptRetentionDays)
        .isEqualTo(730);
    assertThat(tenants.update("clinic-a", withName(emptyPatch(), "Renamed")).orElseThrow())
        .extracting(TenantConfig::transcriptRetentionDays)
        .isEqualTo(730);
    assertThat(tenants.update("clinic-a", withRetentionDays(emptyPatch(), 0)).orElseThrow())
        .extracting(TenantConfig::transcriptRetentionDays)
        .isEqualTo(0);
    for (int outOfRange : new int[] {-1, 36_501}) {
      assertThatThrownBy(
              () -> tenants.update("clinic-a", withRetentionDays(emptyPatch(), outOfRange)))
          .isInstanceOfSatisfying(
              InvalidTenantException.class,
              e -> assertThat(e.field()).isEqualTo("transcript_retention_days"));
    }
  }

  @Test
  void anUpdateClearsTheOptionalFieldsItNamesAndLeavesTheRest() {
    tenants.insert(fullTenant("clinic-a", "instance-a", -100L));

    TenantConfig after =
        tenants
            .update(
                "clinic-a",
                withName(emptyPatch(), "Renamed"),
                Set.of("telegram_internal_chat_id", "transcript_retention_days", "clinic_name"))
            .orElseThrow();

    assertThat(after.telegramInternalChatId()).isNull();
    assertThat(after.transcriptRetentionDays()).isNull();
    assertThat(after.clinicName()).isEqualTo("Renamed"); // not clearable: named in vain
    assertThat(after.googleCalendarId()).isEqualTo("agenda@clinic-a.example");
  }

  /** The clinic's activity log names the fields a change touched, whoever made it. */
  @Test
  void configurationChangesAreLoggedByFieldButCountingAMessageIsNot() {
    tenants.insert(minimalTenant("clinic-a", "instance-a"));
    assertThat(configurationChanges()).isEmpty();

    tenants.update("clinic-a", withFields(emptyPatch(), "Renamed", null, null, 42));
    tenants.update("clinic-a", withFields(emptyPatch(), "Renamed", null, null, null)); // as it is
    tenants.countTurn(new TurnCount("clinic-a", "turn-1", "WHATSAPP", "patient:clinic-a:1"));
    EmbeddedDatabase.jdbc()
        .sql(
            "UPDATE tenant_config SET is_active = false, system_prompt_patient = 'x'"
                + " WHERE tenant_id = 'clinic-a'")
        .update();

    assertThat(configurationChanges())
        .containsExactly(
            "[\"clinic_name\", \"monthly_message_limit\"]",
            "[\"is_active\", \"system_prompt_patient\"]");
  }

  private static List<String> configurationChanges() {
    return EmbeddedDatabase.jdbc()
        .sql(
            "SELECT details ->> 'fields' FROM tenant_activity_log"
                + " WHERE event_type = 'configuration_changed' ORDER BY id")
        .query(String.class)
        .list();
  }

  @Test
  void aPatchOfAnUnknownTenantChangesNothing() {
    assertThat(tenants.update("nobody", withFields(emptyPatch(), "X", null, null, null))).isEmpty();
  }

  @Test
  void aTakenTenantIdIsReportedAsSuch() {
    tenants.insert(fullTenant("clinic-a", "instance-a", -100L));

    assertThatThrownBy(() -> tenants.insert(fullTenant("clinic-a", "instance-other", null)))
        .isInstanceOfSatisfying(
            DuplicateTenantException.class, e -> assertThat(e.field()).isEqualTo("tenant_id"));
  }

  @Test
  void aTakenInstanceNameIsReportedAsSuch() {
    tenants.insert(fullTenant("clinic-a", "instance-a", -100L));

    assertThatThrownBy(() -> tenants.insert(fullTenant("clinic-b", "instance-a", null)))
        .isInstanceOfSatisfying(
            DuplicateTenantException.class,
            e -> assertThat(e.field()).isEqualTo("evolution_instance_name"));
  }

  @Test
  void aTakenTelegramChatIsReportedAsSuchOnInsertAndOnPatch() {
    tenants.insert(fullTenant("clinic-a", "instance-a", -100L));
    tenants.insert(fullTenant("clinic-b", "instance-b", -200L));

    assertThatThrownBy(() -> tenants.insert(fullTenant("clinic-c", "instance-c", -100L)))
        .isInstanceOfSatisfying(
            DuplicateTenantException.class,
            e -> assertThat(e.field()).isEqualTo("telegram_internal_chat_id"));
    TenantConfig takeChat = withChat(emptyPatch(), -100L);
    assertThatThrownBy(() -> tenants.update("clinic-b", takeChat))
        .isInstanceOfSatisfying(
            DuplicateTenantException.class,
            e -> assertThat(e.field()).isEqualTo("telegram_internal_chat_id"));
    assertThat(tenants.findById("clinic-b").orElseThrow().telegramInternalChatId())
        .isEqualTo(-200L);
  }

  @Test
  void brokenSchemaRulesNameTheField() {
    // withFields sets every field it names, here the clinic name to null.
    TenantConfig noName =
        withFields(minimalTenant("clinic-a", "instance-a"), null, null, null, null);

    assertThatThrownBy(() -> tenants.insert(noName))
        .isInstanceOfSatisfying(
            InvalidTenantException.class, e -> assertThat(e.field()).isEqualTo("clinic_name"));
    assertThatThrownBy(() -> tenants.insert(minimalTenant("Not A Slug", "instance-a")))
        .isInstanceOfSatisfying(
            InvalidTenantException.class, e -> assertThat(e.field()).isEqualTo("tenant_id"));
    tenants.insert(minimalTenant("clinic-a", "instance-a"));
    assertThatThrownBy(
            () -> tenants.update("clinic-a", withFields(emptyPatch(), null, null, null, -1)))
        .isInstanceOfSatisfying(
            InvalidTenantException.class,
            e -> assertThat(e.field()).isEqualTo("monthly_message_limit"));
    assertThatThrownBy(() -> tenants.update("clinic-a", withTimezone(emptyPatch(), "Mars/Olympus")))
        .isInstanceOfSatisfying(
            InvalidTenantException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
  }

  @Test
  void listFiltersByActiveFlagAndSearchesNameOrInstanceIgnoringCase() {
    tenants.insert(withName(fullTenant("alpha", "alpha_wpp", null), "Clínica Sorriso"));
    tenants.insert(withName(fullTenant("beta", "beta_wpp", null), "Dermato Center"));
    tenants.insert(withName(fullTenant("gamma", "SORRISO_2", null), "Gamma 100%"));
    tenants.setActive("beta", false);

    assertThat(ids(tenants.list(null, null))).containsExactly("alpha", "beta", "gamma");
    assertThat(ids(tenants.list(true, null))).containsExactly("alpha", "gamma");
    assertThat(ids(tenants.list(false, null))).containsExactly("beta");
    assertThat(ids(tenants.list(null, "sorriso"))).containsExactly("alpha", "gamma");
    assertThat(ids(tenants.list(null, "DERMATO"))).containsExactly("beta");
    assertThat(ids(tenants.list(true, "dermato"))).isEmpty();
    assertThat(ids(tenants.list(null, "0%"))).containsExactly("gamma");
    assertThat(ids(tenants.list(null, "_"))).containsExactly("alpha", "beta", "gamma");
    assertThat(ids(tenants.list(null, "a_w"))).containsExactly("alpha", "beta");
    assertThat(ids(tenants.list(null, "  "))).hasSize(3);
  }

  @Test
  void activationAndDeletionSayWhetherTheTenantExists() {
    tenants.insert(fullTenant("clinic-a", "instance-a", null));

    assertThat(tenants.setActive("clinic-a", false)).isTrue();
    assertThat(tenants.findById("clinic-a").orElseThrow().active()).isFalse();
    assertThat(tenants.setActive("nobody", true)).isFalse();
    assertThat(tenants.delete("clinic-a")).isTrue();
    assertThat(tenants.findById("clinic-a")).isEmpty();
    assertThat(tenants.delete("clinic-a")).isFalse();
  }

  private Instant periodStart(String timezone) {
    return jdbc.sql("SELECT current_quota_period_start(:tz)")
        .param("tz", timezone)
        .query(OffsetDateTime.class)
        .single()
        .toInstant();
  }

  private static List<String> ids(List<TenantConfig> list) {
    return list.stream().map(TenantConfig::tenantId).toList();
  }

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  /** The same tenant with one field, by its JSON name, set to {@code value} (null included). */
  private static TenantConfig with(TenantConfig t, String field, Object value) {
    ObjectNode node = JSON.valueToTree(t);
    node.set(field, JSON.valueToTree(value));
    try {
      return JSON.treeToValue(node, TenantConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same tenant with these four fields set, nulls included. */
  private static TenantConfig withFields(
      TenantConfig t,
      String clinicName,
      Map<String, OpeningHours> hours,
      Boolean active,
      Integer limit) {
    TenantConfig named = with(with(t, "clinic_name", clinicName), "business_hours", hours);
    return with(with(named, "is_active", active), "monthly_message_limit", limit);
  }

  private static TenantConfig withChat(TenantConfig t, Long chatId) {
    return with(t, "telegram_internal_chat_id", chatId);
  }

  private static TenantConfig withTimezone(TenantConfig t, String timezone) {
    return with(t, "timezone", timezone);
  }

  private static TenantConfig withRetentionDays(TenantConfig t, Integer days) {
    return with(t, "transcript_retention_days", days);
  }

  private static TenantConfig withName(TenantConfig t, String clinicName) {
    return withFields(t, clinicName, t.businessHours(), t.isActive(), t.monthlyMessageLimit());
  }
}
