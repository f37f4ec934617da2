package com.clinicflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Operators read the API description without the admin token, and it covers every endpoint. */
@ApiTest
class OpenApiDocumentTest {

  /** Every admin operation; {@link AdminEndpointsTest} checks no handler is missing here. */
  static final Map<String, List<String>> ADMIN_OPERATIONS =
      Map.ofEntries(
          Map.entry("/api/tenants", List.of("get", "post")),
          Map.entry("/api/tenants/{tenant_id}", List.of("get", "patch", "delete")),
          Map.entry("/api/tenants/{tenant_id}/activate", List.of("post")),
          Map.entry("/api/tenants/{tenant_id}/deactivate", List.of("post")),
          Map.entry("/api/tenants/{tenant_id}/reset-quota", List.of("post")),
          Map.entry("/api/tenants/{tenant_id}/usage", List.of("get")),
          Map.entry("/api/tenants/{tenant_id}/health", List.of("get")),
          Map.entry("/api/tenants/{tenant_id}/activity", List.of("get")),
          Map.entry("/api/tenants/{tenant_id}/secrets", List.of("get")),
          Map.entry("/api/tenants/{tenant_id}/secrets/{name}", List.of("put", "delete")));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  private JsonNode document() throws Exception {
    String body =
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }

  @Test
  void describesEveryAdminOperationWithItsAnswersAndTheBearerToken() throws Exception {
    JsonNode doc = document();
    ADMIN_OPERATIONS.forEach(
        (path, methods) -> {
          JsonNode item = doc.path("paths").path(path);
          assertThat(item.isObject()).as(path).isTrue();
          for (String method : methods) {
            JsonNode operation = item.path(method);
            String where = method.toUpperCase() + " " + path;
            assertThat(operation.path("summary").asText()).as(where).isNotBlank();
            assertThat(operation.path("tags").toString()).as(where).contains("Tenants");
            assertThat(operation.path("security").toString()).as(where).contains("adminToken");
            JsonNode responses = operation.path("responses");
            assertThat(responses.has("401")).as(where + " 401").isTrue();
            assertThat(responses.has("200") || responses.has("201") || responses.has("204"))
                .as(where + " 2xx")
                .isTrue();
            if (path.contains("{tenant_id}")) {
              assertThat(responses.has("404")).as(where + " 404").isTrue();
            }
          }
        });
    // The shared 404 (UnknownTenantResponse, a meta-annotation) reaches the document in full.
    JsonNode unknown =
        doc.path("paths")
            .path("/api/tenants/{tenant_id}")
            .path("get")
            .path("responses")
            .path("404");
    assertThat(unknown.path("description").asText()).isEqualTo("unknown_tenant");
    assertThat(unknown.toString()).contains("#/components/schemas/ApiError");
    JsonNode create = doc.path("paths").path("/api/tenants").path("post").path("responses");
    assertThat(create.fieldNames()).toIterable().contains("201", "400", "401", "409");
    assertThat(doc.at("/components/securitySchemes/adminToken/scheme").asText())
        .isEqualTo("bearer");
    assertThat(doc.at("/components/schemas/TenantConfig/properties").has("tenant_id")).isTrue();
    assertThat(
            doc.at("/components/schemas/TenantConfig/properties").has("transcript_retention_days"))
        .isTrue();
    assertThat(doc.at("/paths/~1api~1tenants~1{tenant_id}/patch/description").asText())
        .contains("transcript_retention_days", "0 keeps them for ever");
    assertThat(doc.at("/components/schemas/ApiError/properties").has("error")).isTrue();
    assertThat(doc.at("/components/schemas/TenantUsageReport/properties").has("percent")).isTrue();
    assertThat(doc.at("/components/schemas/TenantHealthReport/properties").has("whatsapp"))
        .isTrue();
    JsonNode put = doc.path("paths").path("/api/tenants/{tenant_id}/secrets/{name}").path("put");
    assertThat(put.path("responses").fieldNames()).toIterable().contains("204", "400", "409");
    assertThat(doc.at("/components/schemas/SecretValue/properties/value/writeOnly").asBoolean())
        .isTrue();
  }

  @Test
  void documentsTheWebhookSeparatelyUnderItsOwnTag() throws Exception {
    JsonNode doc = document();
    for (String path : List.of("/webhooks/evolution", "/webhooks/evolution/{event}")) {
      JsonNode post = doc.path("paths").path(path).path("post");
      assertThat(post.path("tags").toString()).as(path).contains("Webhooks");
      assertThat(post.path("security").toString()).doesNotContain("adminToken");
      assertThat(post.path("responses").fieldNames())
          .toIterable()
          .contains("200", "400", "401", "404", "413", "503");
    }
  }

  @Test
  void documentsTheTelegramWebhookWithItsSecretAndTheCodecWithTheAdminToken() throws Exception {
    JsonNode doc = document();
    JsonNode telegram = doc.path("paths").path("/webhooks/telegram").path("post");
    assertThat(telegram.path("security").toString())
        .contains("telegramSecret")
        .doesNotContain("adminToken");
    assertThat(telegram.path("responses").fieldNames())
        .toIterable()
        .contains("200", "400", "401", "413", "503");
    assertThat(doc.at("/components/securitySchemes/telegramSecret/name").asText())
        .isEqualTo("X-Telegram-Bot-Api-Secret-Token");
    for (String path : List.of("/codec/decode", "/codec/encode", "/codec/{namespace}/decode")) {
      JsonNode post = doc.path("paths").path(path).path("post");
      assertThat(post.path("security").toString()).as(path).contains("adminToken");
      assertThat(post.path("responses").fieldNames()).toIterable().contains("200", "400", "401");
    }
  }

  @Test
  void everyOperationOfTheAdminApiNeedsTheTokenAndSaysSo() throws Exception {
    JsonNode paths = document().path("paths");
    List<String> checked = new java.util.ArrayList<>();
    paths
        .fields()
        .forEachRemaining(
            path -> {
              if (!path.getKey().startsWith("/api/")) {
                return;
              }
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      operation -> {
                        String where = operation.getKey().toUpperCase() + " " + path.getKey();
                        checked.add(where);
                        assertThat(operation.getValue().path("security").toString())
                            .as(where)
                            .contains("adminToken");
                        assertThat(operation.getValue().at("/responses/401/description").asText())
                            .as(where)
                            .contains("admin token");
                      });
            });
    assertThat(checked)
        .hasSizeGreaterThan(20)
        .contains("DELETE /api/conversations/{tenant_id}/{contact}");
  }

  @Test
  void documentsAnOperatorsRetryAndSkipWithTheirRefusals() throws Exception {
    JsonNode doc = document();
    for (String action : List.of("retry", "skip")) {
      JsonNode post =
          doc.path("paths").path("/api/conversations/{tenant_id}/{contact}/" + action).path("post");
      assertThat(post.path("security").toString()).as(action).contains("adminToken");
      assertThat(post.path("responses").fieldNames())
          .toIterable()
          .as(action)
          .contains("202", "400", "404", "409");
    }
  }

  @Test
  void documentsThePatientErasureWithWhatItRemoves() throws Exception {
    JsonNode doc = document();
    JsonNode erase =
        doc.path("paths").path("/api/conversations/{tenant_id}/{contact}").path("delete");
    assertThat(erase.path("operationId").asText()).isEqualTo("erasePatient");
    assertThat(erase.path("security").toString()).contains("adminToken");
    assertThat(erase.path("responses").fieldNames())
        .toIterable()
        .contains("200", "400", "401", "404", "503");
    assertThat(doc.at("/components/schemas/PatientErased/properties").has("temporal_histories"))
        .isTrue();
    assertThat(doc.at("/components/schemas/ErasedRecords/properties").has("messages")).isTrue();
  }

  @Test
  void swaggerUiNeedsNoToken() throws Exception {
    mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
  }
}
