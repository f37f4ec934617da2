package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every admin operation the running application describes refuses a call without the admin token or
 * with a wrong one; the description itself needs none.
 */
class AdminTokenIT extends RunningClinicFlow {

  @Test
  void everyAdminOperationWithoutTheRightTokenIs401() throws Exception {
    HttpResponse<String> docs = call("GET", "/v3/api-docs", null, null);
    assertThat(docs.statusCode()).isEqualTo(200);
    List<String[]> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = readTree(docs.body()).path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().startsWith("/api/")) {
        path.getValue()
            .fieldNames()
            .forEachRemaining(
                method ->
                    operations.add(new String[] {method.toUpperCase(Locale.ROOT), path.getKey()}));
      }
    }
    assertThat(operations).hasSizeGreaterThanOrEqualTo(14);

    createClinic("token-clinic", "token_clinic_instance");
    for (String[] operation : operations) {
      String url =
          operation[1]
              .replace("{tenant_id}", "token-clinic")
              .replace("{name}", "gemini_api_key")
              .replace("{contact}", "5511900000001");
      String body = "{\"value\":\"x\",\"clinic_name\":\"Changed\"}";
      for (String token : new String[] {null, "wrong-token", ADMIN + " "}) {
        HttpResponse<String> response = call(operation[0], url, token, body);
        String where = operation[0] + " " + url + " with token " + token;
        if (token != null && token.startsWith(ADMIN)) {
          // the right token (the filter trims) gets through: the control of this test
          assertThat(response.statusCode()).as(where).isNotEqualTo(401);
          continue;
        }
        assertThat(response.statusCode()).as(where).isEqualTo(401);
        assertThat(readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
      }
    }
  }
}
