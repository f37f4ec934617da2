package com.clinicflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every admin endpoint, taken from the handlers the application really maps: each is described by
 * the OpenAPI document, and each refuses a call without the admin token (or with a wrong one).
 */
@ApiTest
class AdminEndpointsTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** "METHOD /path" of every handler under /api. */
  private Set<String> mappedAdminOperations() {
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = entry.getKey();
      for (String path : info.getPatternValues()) {
        if (!path.startsWith("/api/")) {
          continue;
        }
        info.getMethodsCondition()
            .getMethods()
            .forEach(method -> operations.add(method.name() + " " + path));
      }
    }
    return operations;
  }

  private Set<String> documentedAdminOperations() throws Exception {
    JsonNode doc =
        json.readTree(
            mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    Set<String> operations = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().startsWith("/api/")) {
        path.getValue()
            .fieldNames()
            .forEachRemaining(
                m -> operations.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
      }
    }
    return operations;
  }

  private static Set<String> expectedOperations() {
    Set<String> expected = new TreeSet<>();
    OpenApiDocumentTest.ADMIN_OPERATIONS.forEach(
        (path, methods) ->
            methods.forEach(m -> expected.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    return expected;
  }

  @Test
  void theOpenApiDocumentDescribesEveryMappedAdminOperationAndNoOther() throws Exception {
    Set<String> mapped = mappedAdminOperations();
    assertThat(mapped).hasSizeGreaterThanOrEqualTo(14);
    assertThat(documentedAdminOperations()).isEqualTo(mapped);
    // Other features add their own admin endpoints; these are the tenants API's.
    assertThat(mapped).containsAll(expectedOperations());
  }

  @Test
  void everyAdminOperationWithoutTheTokenIs401() throws Exception {
    for (String operation : mappedAdminOperations()) {
      String[] parts = operation.split(" ", 2);
      String url =
          parts[1]
              .replace("{tenant_id}", "clinica-anota")
              .replace("{name}", "gemini_api_key")
              .replace("{contact}", "5511900000001");
      mvc.perform(
              request(HttpMethod.valueOf(parts[0]), url)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"value\":\"x\",\"clinic_name\":\"x\"}"))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.error").value("unauthorized"));
      mvc.perform(
              request(HttpMethod.valueOf(parts[0]), url)
                  .header(HttpHeaders.AUTHORIZATION, "Bearer wrong-" + ApiTest.ADMIN_TOKEN)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{}"))
          .andExpect(status().isUnauthorized());
    }
  }
}
