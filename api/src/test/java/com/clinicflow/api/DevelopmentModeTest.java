package com.clinicflow.api;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTestApplication;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.patient.PatientHandler;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Nothing configured (the embedded developer mode): the admin API is closed, webhooks are open. The
 * whole path down to the {@link WorkflowClient} is the real one here.
 */
@SpringBootTest(classes = ApiTestApplication.class)
@AutoConfigureMockMvc
class DevelopmentModeTest {

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired WorkflowClient workflowClient;

  @BeforeEach
  void reset() {
    tenants.reset();
    Mockito.reset(workflowClient);
  }

  @Test
  void adminApiRefusesEveryCallUntilATokenIsConfigured() throws Exception {
    mvc.perform(get("/api/tenants").header(HttpHeaders.AUTHORIZATION, "Bearer anything"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("unauthorized"))
        .andExpect(jsonPath("$.message").value(containsString("disabled")))
        .andExpect(jsonPath("$.message").value(containsString("clinicflow.admin.token")));
  }

  @Test
  void webhooksAreAcceptedWithoutCredentials() throws Exception {
    tenants.put(Tenants.anota());
    PatientHandler stub = Mockito.mock(PatientHandler.class);
    BatchRequest batch = Mockito.mock(BatchRequest.class);
    Mockito.when(
            workflowClient.newWorkflowStub(eq(PatientHandler.class), any(WorkflowOptions.class)))
        .thenReturn(stub);
    Mockito.when(workflowClient.newSignalWithStartRequest()).thenReturn(batch);
    String fixture =
        Files.readString(
            Path.of(
                new ClassPathResource("fixtures/evolution/messages-upsert-text.json").getURI()));

    mvc.perform(
            post("/webhooks/evolution").contentType(MediaType.APPLICATION_JSON).content(fixture))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.workflow_id").value("patient:clinica-anota:5511900000001"));
    verify(workflowClient).signalWithStart(batch);
  }

  @Test
  void openApiStaysReadable() throws Exception {
    mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
  }
}
