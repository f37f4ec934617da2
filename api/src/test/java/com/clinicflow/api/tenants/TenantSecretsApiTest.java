package com.clinicflow.api.tenants;

import static com.clinicflow.api.testapp.AdminRequests.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemorySecretStore;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class TenantSecretsApiTest {

  private static final String SECRET = "AIzaSy-very-secret-value-0f9e8d";

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired InMemorySecretStore secrets;

  /** Every response body of the test, to prove none carries the value. */
  private final List<String> bodies = new ArrayList<>();

  @BeforeEach
  void reset() {
    tenants.reset();
    secrets.reset(tenants);
    tenants.put(Tenants.anota());
  }

  private MvcResult call(MockHttpServletRequestBuilder request) throws Exception {
    MvcResult result = mvc.perform(admin(request)).andReturn();
    bodies.add(result.getResponse().getContentAsString());
    return result;
  }

  private MockHttpServletRequestBuilder putSecret(String tenant, String name, String body) {
    return put("/api/tenants/" + tenant + "/secrets/" + name)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  @Test
  void aSecretIsStoredAnswered204AndNeverShown(CapturedOutput output) throws Exception {
    MvcResult put =
        call(putSecret("clinica-anota", "gemini_api_key", "{\"value\":\"" + SECRET + "\"}"));
    assertThat(put.getResponse().getStatus()).isEqualTo(204);
    assertThat(secrets.stored("clinica-anota", "gemini_api_key")).isEqualTo(SECRET);

    MvcResult list = call(get("/api/tenants/clinica-anota/secrets"));
    assertThat(list.getResponse().getStatus()).isEqualTo(200);
    assertThat(list.getResponse().getContentAsString())
        .contains("\"names\":[\"gemini_api_key\"]")
        .contains("\"secrets_enabled\":true");
    call(get("/api/tenants/clinica-anota"));

    // error paths too: a malformed body holding the value, a wrong name
    MvcResult malformed =
        call(putSecret("clinica-anota", "gemini_api_key", "{\"value\":\"" + SECRET + "\",}"));
    assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
    MvcResult wrongType =
        call(
            putSecret("clinica-anota", "gemini_api_key", "{\"value\":{\"x\":\"" + SECRET + "\"}}"));
    assertThat(wrongType.getResponse().getStatus()).isEqualTo(400);
    MvcResult badName =
        call(putSecret("clinica-anota", "Bad-Name", "{\"value\":\"" + SECRET + "\"}"));
    assertThat(badName.getResponse().getStatus()).isEqualTo(400);

    assertThat(bodies).noneMatch(b -> b.contains(SECRET));
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void replacingASecretKeepsOneName() throws Exception {
    call(putSecret("clinica-anota", "evolution_api_key", "{\"value\":\"first\"}"));
    call(putSecret("clinica-anota", "evolution_api_key", "{\"value\":\"second\"}"));
    assertThat(secrets.stored("clinica-anota", "evolution_api_key")).isEqualTo("second");
    assertThat(secrets.names("clinica-anota")).containsExactly("evolution_api_key");
  }

  @Test
  void anUnknownTenantIs404() throws Exception {
    mvc.perform(admin(putSecret("nobody", "gemini_api_key", "{\"value\":\"x\"}")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_tenant"));
    mvc.perform(admin(get("/api/tenants/nobody/secrets"))).andExpect(status().isNotFound());
    mvc.perform(admin(delete("/api/tenants/nobody/secrets/gemini_api_key")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_tenant"));
  }

  @Test
  void withoutAMasterKeyAWriteIs409SecretsDisabled() throws Exception {
    secrets.setEnabled(false);
    mvc.perform(admin(putSecret("clinica-anota", "gemini_api_key", "{\"value\":\"x\"}")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("secrets_disabled"))
        .andExpect(jsonPath("$.message").value(containsString("clinicflow.security.master-key")));
    mvc.perform(admin(get("/api/tenants/clinica-anota/secrets")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.secrets_enabled").value(false));
  }

  @Test
  void invalidNamesAndValuesAre400NamingTheField() throws Exception {
    for (String name : List.of("Gemini", "1key", "with-dash", "a".repeat(65))) {
      mvc.perform(admin(putSecret("clinica-anota", name, "{\"value\":\"x\"}")))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.error").value("invalid_field"))
          .andExpect(jsonPath("$.message").value(containsString("name")));
    }
    for (String body :
        List.of(
            "{}",
            "{\"value\":\"\"}",
            "{\"value\":\"   \"}",
            "{\"value\":null}",
            "{\"value\":\"" + "x".repeat(32 * 1024 + 1) + "\"}")) {
      mvc.perform(admin(putSecret("clinica-anota", "gemini_api_key", body)))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.message").value(containsString("value")));
    }
    assertThat(secrets.names("clinica-anota")).isEmpty();
  }

  /**
   * An HTTP client refuses a header value with a line break or an accent and quotes the value in
   * its error, which would reach the worker log and the workflow history at every call: such keys
   * are refused here, without being echoed.
   */
  @Test
  void aKeyOrTokenThatCannotTravelInAHeaderIs400AndNotEchoed() throws Exception {
    for (String name : List.of("evolution_api_key", "gemini_api_key", "telegram_bot_token")) {
      for (String key : List.of("sk-9f2c1a\\n", "sk 9f2c1a", "sk-9f2c1a\u00a0", "sk-9f2ç1a")) {
        MvcResult refused =
            mvc.perform(admin(putSecret("clinica-anota", name, "{\"value\":\"" + key + "\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_field"))
                .andExpect(jsonPath("$.message").value(containsString("printable ASCII")))
                .andReturn();
        assertThat(refused.getResponse().getContentAsString()).doesNotContain("9f2");
      }
    }
    // Google credentials are JSON, never a header: line breaks and spaces are theirs.
    call(
        putSecret(
            "clinica-anota",
            "google_credentials",
            "{\"value\":\"{\\n  \\\"type\\\": \\\"authorized_user\\\"\\n}\"}"));
    assertThat(secrets.names("clinica-anota")).containsExactly("google_credentials");
  }

  @Test
  void deleteRemovesAndASecondDeleteIs404UnknownSecret() throws Exception {
    call(putSecret("clinica-anota", "gemini_api_key", "{\"value\":\"x\"}"));
    mvc.perform(admin(delete("/api/tenants/clinica-anota/secrets/gemini_api_key")))
        .andExpect(status().isNoContent());
    assertThat(secrets.names("clinica-anota")).isEmpty();
    mvc.perform(admin(delete("/api/tenants/clinica-anota/secrets/gemini_api_key")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_secret"));
  }

  @Test
  void theBodyNeverPrintsItsValue() {
    assertThat(new SecretValue(SECRET).toString()).doesNotContain(SECRET);
  }
}
