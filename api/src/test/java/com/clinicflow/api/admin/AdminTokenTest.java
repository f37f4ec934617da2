package com.clinicflow.api.admin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class AdminTokenTest {

  @Autowired MockMvc mvc;

  @Test
  void callWithoutTokenIs401Json() throws Exception {
    mvc.perform(get("/api/tenants"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE))
        .andExpect(jsonPath("$.error").value("unauthorized"))
        .andExpect(jsonPath("$.message").isString());
  }

  @Test
  void callWithWrongTokenIs401() throws Exception {
    mvc.perform(get("/api/tenants").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("unauthorized"));
    mvc.perform(
            get("/api/tenants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTest.ADMIN_TOKEN + "x"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void tokenInAnotherSchemeIs401() throws Exception {
    mvc.perform(get("/api/tenants").header(HttpHeaders.AUTHORIZATION, ApiTest.ADMIN_TOKEN))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            get("/api/tenants").header(HttpHeaders.AUTHORIZATION, "Basic " + ApiTest.ADMIN_TOKEN))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void rightTokenIsLetThrough() throws Exception {
    mvc.perform(
            get("/api/tenants").header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTest.ADMIN_TOKEN))
        .andExpect(status().isOk());
    mvc.perform(
            get("/api/tenants").header(HttpHeaders.AUTHORIZATION, "bearer " + ApiTest.ADMIN_TOKEN))
        .andExpect(status().isOk());
  }

  @Test
  void unknownPathsUnderApiAreGuardedToo() throws Exception {
    mvc.perform(get("/api/whatever")).andExpect(status().isUnauthorized());
  }
}
