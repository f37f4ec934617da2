package com.clinicflow.api.tenants;

import static com.clinicflow.api.testapp.AdminRequests.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class TenantAdminApiTest {

  private static final String NEW_TENANT =
      """
      {
        "tenant_id": "clinica-moreira",
        "clinic_name": "Clínica Moreira",
        "evolution_instance_name": "clinic_moreira_instance",
        "google_calendar_id": "agenda@clinicamoreira.com.br",
        "google_tasks_list_id": "MDk1NTEyMDM0NjQ3",
        "mcp_calendar_endpoint": null,
        "telegram_internal_chat_id": -1001234567890,
        "system_prompt_patient": "Você é a recepcionista.",
        "system_prompt_internal": "Você ajuda a equipe.",
        "system_prompt_confirmation": "Confirme a consulta.",
        "business_hours": {"mon": {"open": "08:00", "close": "18:00"},
                           "sat": {"open": "08:00", "close": "12:00"}},
        "clinic_info": {"address": "Rua A, 1", "appointment_minutes": 30},
        "timezone": "America/Sao_Paulo",
        "language": "pt-BR",
        "is_active": true,
        "monthly_message_limit": 5000,
        "fallback_message": "Desculpe, tente mais tarde.",
        "quota_exceeded_message": "Limite atingido."
      }
      """;

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired ObjectMapper json;

  @BeforeEach
  void reset() {
    tenants.reset();
  }

  private String newTenant(Consumer<ObjectNode> change) throws Exception {
    ObjectNode body = (ObjectNode) json.readTree(NEW_TENANT);
    change.accept(body);
    return json.writeValueAsString(body);
  }

  @Test
  void createAnswers201WithLocationAndTheStoredTenant() throws Exception {
    mvc.perform(
            admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content(NEW_TENANT))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, endsWith("/api/tenants/clinica-moreira")))
        .andExpect(jsonPath("$.tenant_id").value("clinica-moreira"))
        .andExpect(jsonPath("$.clinic_name").value("Clínica Moreira"))
        .andExpect(jsonPath("$.telegram_internal_chat_id").value(-1001234567890L))
        .andExpect(jsonPath("$.business_hours.sat.close").value("12:00"))
        .andExpect(jsonPath("$.current_message_count").value(0))
        .andExpect(jsonPath("$.created_at").value("2025-11-13T13:00:00Z"));
    assertThat(tenants.find("clinica-moreira")).isPresent();
  }

  @Test
  void createIgnoresReadOnlyFields() throws Exception {
    String body =
        newTenant(
            t -> {
              t.put("current_message_count", 999);
              t.put("created_at", "2020-01-01T00:00:00Z");
              t.put("updated_at", "2020-01-01T00:00:00Z");
              t.put("quota_period_start", "2020-01-01T00:00:00Z");
            });
    mvc.perform(admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.current_message_count").value(0));
    TenantConfig given = tenants.created().get(0);
    assertThat(given.currentMessageCount()).isNull();
    assertThat(given.createdAt()).isNull();
    assertThat(given.updatedAt()).isNull();
    assertThat(given.quotaPeriodStart()).isNull();
  }

  @Test
  void duplicateTenantIdIs409NamingTheField() throws Exception {
    tenants.put(Tenants.tenant("clinica-moreira", "other_instance", null));
    mvc.perform(
            admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content(NEW_TENANT))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("conflict"))
        .andExpect(jsonPath("$.message").value(containsString("tenant_id")));
  }

  @Test
  void duplicateInstanceIs409NamingTheField() throws Exception {
    tenants.put(Tenants.tenant("other-clinic", "clinic_moreira_instance", null));
    mvc.perform(
            admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content(NEW_TENANT))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.message").value(containsString("evolution_instance_name")))
        // the port's own message quotes the value; the answer does not
        .andExpect(jsonPath("$.message").value(not(containsString("taken:"))));
  }

  @Test
  void duplicateTelegramChatIs409NamingTheField() throws Exception {
    tenants.put(Tenants.tenant("other-clinic", "other_instance", -1001234567890L));
    mvc.perform(
            admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content(NEW_TENANT))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.message").value(containsString("telegram_internal_chat_id")));
  }

  static Stream<Arguments> invalidNewTenants() {
    return Stream.of(
        invalid("tenant_id", t -> t.remove("tenant_id")),
        invalid("tenant_id", t -> t.put("tenant_id", "Clinica_Moreira")),
        invalid("tenant_id", t -> t.put("tenant_id", "-moreira")),
        invalid("tenant_id", t -> t.put("tenant_id", "a".repeat(64))),
        invalid("clinic_name", t -> t.remove("clinic_name")),
        invalid("clinic_name", t -> t.put("clinic_name", "   ")),
        invalid("evolution_instance_name", t -> t.remove("evolution_instance_name")),
        invalid("system_prompt_patient", t -> t.remove("system_prompt_patient")),
        invalid("system_prompt_internal", t -> t.put("system_prompt_internal", "")),
        invalid("system_prompt_confirmation", t -> t.putNull("system_prompt_confirmation")),
        invalid("fallback_message", t -> t.remove("fallback_message")),
        invalid("quota_exceeded_message", t -> t.remove("quota_exceeded_message")),
        invalid("timezone", t -> t.put("timezone", "Mars/Olympus_Mons")),
        invalid("timezone", t -> t.put("timezone", "")),
        invalid("timezone", t -> t.put("timezone", "UTC+3")),
        invalid("language", t -> t.put("language", " ")),
        invalid("monthly_message_limit", t -> t.put("monthly_message_limit", -1)),
        invalid("monthly_message_limit", t -> t.put("monthly_message_limit", "lots")),
        invalid("transcript_retention_days", t -> t.put("transcript_retention_days", -1)),
        invalid("transcript_retention_days", t -> t.put("transcript_retention_days", 36_501)),
        invalid("transcript_retention_days", t -> t.put("transcript_retention_days", "2 years")),
        invalid("telegram_internal_chat_id", t -> t.put("telegram_internal_chat_id", "abc")),
        invalid("business_hours", t -> t.put("business_hours", "weekdays")),
        invalid("business_hours.funday", t -> hours(t, "funday", "08:00", "18:00")),
        invalid("business_hours.mon.open", t -> hours(t, "mon", "8:00", "18:00")),
        invalid("business_hours.mon.close", t -> hours(t, "mon", "08:00", "24:00")),
        invalid("business_hours.mon.open", t -> hours(t, "mon", "18:00", "08:00")),
        invalid("business_hours.mon.open", t -> hours(t, "mon", "09:00", "09:00")),
        invalid("business_hours.mon.close", t -> hours(t, "mon", "08:00", null)),
        invalid("business_hours.sun", t -> ((ObjectNode) t.get("business_hours")).putNull("sun")));
  }

  private static Arguments invalid(String field, Consumer<ObjectNode> change) {
    return Arguments.of(field, change);
  }

  private static void hours(ObjectNode tenant, String day, String open, String close) {
    ObjectNode hours = tenant.putObject("business_hours").putObject(day);
    hours.put("open", open);
    if (close != null) {
      hours.put("close", close);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidNewTenants")
  void createRejectsAnInvalidFieldNamingIt(String field, Consumer<ObjectNode> change)
      throws Exception {
    mvc.perform(
            admin(post("/api/tenants"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(newTenant(change)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value(containsString(field)));
    assertThat(tenants.created()).isEmpty();
  }

  @Test
  void createReportsEveryInvalidFieldAtOnce() throws Exception {
    String body =
        newTenant(
            t -> {
              t.remove("clinic_name");
              t.put("timezone", "Nowhere/Land");
            });
    mvc.perform(admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("clinic_name")))
        .andExpect(jsonPath("$.message").value(containsString("timezone")));
  }

  @Test
  void malformedJsonIs400() throws Exception {
    mvc.perform(
            admin(post("/api/tenants"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenant_id\": \"x\","))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("malformed_json"));
    mvc.perform(admin(post("/api/tenants")).contentType(MediaType.APPLICATION_JSON).content("[]"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("malformed_json"));
  }

  @Test
  void listsTenantsFilteredByActiveAndSearch() throws Exception {
    tenants.put(Tenants.tenant("alpha", "alpha_instance", null));
    tenants.put(Tenants.tenant("beta", "beta_instance", null));
    tenants.setActive("beta", false);

    mvc.perform(admin(get("/api/tenants")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[0].tenant_id").value("alpha"));
    mvc.perform(admin(get("/api/tenants").param("active", "false")))
        .andExpect(jsonPath("$", hasSize(1)))
        .andExpect(jsonPath("$[0].tenant_id").value("beta"));
    mvc.perform(admin(get("/api/tenants").param("search", "alpha_inst")))
        .andExpect(jsonPath("$", hasSize(1)))
        .andExpect(jsonPath("$[0].tenant_id").value("alpha"));
    assertThat(tenants.lastListSearch()).isEqualTo("alpha_inst");
  }

  @Test
  void listRejectsAnActiveFlagThatIsNotBoolean() throws Exception {
    mvc.perform(admin(get("/api/tenants").param("active", "maybe")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value(containsString("active")));
  }

  @Test
  void showsOneTenant() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(admin(get("/api/tenants/clinica-anota")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.evolution_instance_name").value("anota"))
        .andExpect(jsonPath("$.is_active").value(true))
        .andExpect(jsonPath("$.mcp_calendar_endpoint").value(org.hamcrest.Matchers.nullValue()));
  }

  @Test
  void unknownTenantIs404OnEveryTenantEndpoint() throws Exception {
    for (MockHttpServletRequestBuilder request :
        new MockHttpServletRequestBuilder[] {
          get("/api/tenants/nobody"),
          patch("/api/tenants/nobody")
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"clinic_name\":\"X\"}"),
          delete("/api/tenants/nobody"),
          post("/api/tenants/nobody/activate"),
          post("/api/tenants/nobody/deactivate"),
          post("/api/tenants/nobody/reset-quota")
        }) {
      mvc.perform(admin(request))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.error").value("unknown_tenant"))
          .andExpect(jsonPath("$.message").isString());
    }
  }

  @Test
  void patchChangesOnlyTheGivenFields() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"clinic_name\": \"Clínica Nova\", \"monthly_message_limit\": 10}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.clinic_name").value("Clínica Nova"))
        .andExpect(jsonPath("$.monthly_message_limit").value(10))
        .andExpect(jsonPath("$.system_prompt_patient").value("patient prompt"))
        .andExpect(jsonPath("$.evolution_instance_name").value("anota"))
        .andExpect(jsonPath("$.business_hours.mon.open").value("08:00"));

    TenantConfig given = tenants.patches().get(0);
    assertThat(given.clinicName()).isEqualTo("Clínica Nova");
    assertThat(given.monthlyMessageLimit()).isEqualTo(10);
    assertThat(given.transcriptRetentionDays()).isNull();
    assertThat(given.tenantId()).isNull();
    assertThat(given.evolutionInstanceName()).isNull();
    assertThat(given.systemPromptPatient()).isNull();
    assertThat(given.businessHours()).isNull();
    assertThat(given.timezone()).isNull();
    assertThat(given.isActive()).isNull();
  }

  @Test
  void aClinicSetsHowLongItKeepsItsPatientsTranscripts() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"transcript_retention_days\": 730}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.transcript_retention_days").value(730));
    assertThat(tenants.patches().get(0).transcriptRetentionDays()).isEqualTo(730);

    mvc.perform(admin(get("/api/tenants/clinica-anota")))
        .andExpect(jsonPath("$.transcript_retention_days").value(730));
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"transcript_retention_days\": 0}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.transcript_retention_days").value(0));
  }

  @Test
  void aPatchSetsOptionalFieldsBackToNullWhenAskedTo() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .param("clear", "transcript_retention_days,google_calendar_id")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"clinic_name\": \"Clínica Nova\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.clinic_name").value("Clínica Nova"))
        .andExpect(jsonPath("$.google_calendar_id").isEmpty())
        .andExpect(jsonPath("$.transcript_retention_days").isEmpty());
    assertThat(tenants.clears())
        .containsExactly(Set.of("transcript_retention_days", "google_calendar_id"));
  }

  @Test
  void aClearOfARequiredFieldOrOfAFieldAlsoGivenIs400() throws Exception {
    tenants.put(Tenants.anota());
    for (String[] bad :
        new String[][] {
          {"clinic_name", "{}", "is not one of them"},
          {"telegram_internal_chat_id", "{\"telegram_internal_chat_id\": -100}", "both given"}
        }) {
      mvc.perform(
              admin(patch("/api/tenants/clinica-anota"))
                  .param("clear", bad[0])
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(bad[1]))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.error").value("invalid_field"))
          .andExpect(jsonPath("$.message").value(containsString(bad[2])));
    }
    assertThat(tenants.patches()).isEmpty();
  }

  @Test
  void patchIgnoresReadOnlyFields() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"current_message_count\": 0, \"created_at\": \"2020-01-01T00:00:00Z\","
                        + " \"quota_period_start\": \"2020-01-01T00:00:00Z\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.current_message_count").value(12));
    TenantConfig given = tenants.patches().get(0);
    assertThat(given.currentMessageCount()).isNull();
    assertThat(given.createdAt()).isNull();
    assertThat(given.quotaPeriodStart()).isNull();
  }

  @Test
  void patchMayRepeatTheTenantIdButNotChangeIt() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenant_id\": \"clinica-anota\", \"language\": \"en\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.language").value("en"));
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenant_id\": \"another-id\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value(containsString("tenant_id")));
  }

  static Stream<Arguments> invalidPatches() {
    return Stream.of(
        Arguments.of("clinic_name", "{\"clinic_name\": \" \"}"),
        Arguments.of("evolution_instance_name", "{\"evolution_instance_name\": \"\"}"),
        Arguments.of("system_prompt_patient", "{\"system_prompt_patient\": \"\"}"),
        Arguments.of("fallback_message", "{\"fallback_message\": \"  \"}"),
        Arguments.of("quota_exceeded_message", "{\"quota_exceeded_message\": \"\"}"),
        Arguments.of("timezone", "{\"timezone\": \"Somewhere/Else\"}"),
        Arguments.of("language", "{\"language\": \"\"}"),
        Arguments.of("monthly_message_limit", "{\"monthly_message_limit\": -5}"),
        Arguments.of("transcript_retention_days", "{\"transcript_retention_days\": -30}"),
        Arguments.of("telegram_internal_chat_id", "{\"telegram_internal_chat_id\": \"abc\"}"),
        Arguments.of(
            "business_hours.tue.open",
            "{\"business_hours\": {\"tue\": {\"open\": \"17:00\", \"close\": \"09:00\"}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPatches")
  void patchRejectsAnInvalidFieldNamingIt(String field, String body) throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value(containsString(field)));
    assertThat(tenants.patches()).isEmpty();
  }

  @Test
  void patchToAnInstanceOfAnotherTenantIs409() throws Exception {
    tenants.put(Tenants.anota());
    tenants.put(Tenants.tenant("other", "other_instance", null));
    mvc.perform(
            admin(patch("/api/tenants/clinica-anota"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"evolution_instance_name\": \"other_instance\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("conflict"))
        .andExpect(jsonPath("$.message").value(containsString("evolution_instance_name")));
  }

  @Test
  void deleteDeactivatesAndKeepsTheTenant() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(admin(delete("/api/tenants/clinica-anota")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tenant_id").value("clinica-anota"))
        .andExpect(jsonPath("$.is_active").value(false));
    mvc.perform(admin(get("/api/tenants/clinica-anota")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.is_active").value(false))
        .andExpect(jsonPath("$.system_prompt_patient").value("patient prompt"));
  }

  @Test
  void deactivateThenActivate() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(admin(post("/api/tenants/clinica-anota/deactivate")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.is_active").value(false));
    assertThat(tenants.find("clinica-anota").orElseThrow().active()).isFalse();
    mvc.perform(admin(post("/api/tenants/clinica-anota/activate")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.is_active").value(true));
    assertThat(tenants.find("clinica-anota").orElseThrow().active()).isTrue();
  }

  @Test
  void resetQuotaStartsANewPeriod() throws Exception {
    tenants.put(Tenants.anota());
    mvc.perform(admin(post("/api/tenants/clinica-anota/reset-quota")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.current_message_count").value(0))
        .andExpect(jsonPath("$.quota_period_start").value("2025-11-14T10:00:00Z"));
  }

  @Test
  void anUnexpectedFailureIs500WithoutDetails(CapturedOutput output) throws Exception {
    tenants.failWith(new IllegalStateException("patient 5511900000001 said ola"));
    mvc.perform(admin(get("/api/tenants")))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.error").value("internal_error"))
        .andExpect(content().string(not(containsString("5511900000001"))))
        .andExpect(content().string(not(containsString("IllegalStateException"))));
    assertThat(output).contains("java.lang.IllegalStateException");
    assertThat(output).doesNotContain("5511900000001");
  }

  @Test
  void unknownAdminPathIs404Json() throws Exception {
    mvc.perform(admin(get("/api/nothing-here")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("not_found"));
  }

  @Test
  void wrongMediaTypeIs415Json() throws Exception {
    mvc.perform(admin(post("/api/tenants")).contentType(MediaType.TEXT_PLAIN).content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.error").value("unsupported_media_type"));
  }
}
