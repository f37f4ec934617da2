package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's split-roles command: a process with only the {@code temporal} role starts without a
 * database and serves Temporal on its port, so workers elsewhere can connect, die and come back.
 */
class TemporalRoleIT {

  @TempDir Path dataDir;

  @Test
  void aLoneTemporalRoleStartsWithoutADatabaseAndServesTemporal() {
    int port = TestPorts.free();
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ClinicFlowApplication.class)
            .run(
                "--clinicflow.roles=temporal",
                "--clinicflow.data-dir=" + dataDir,
                "--clinicflow.temporal.embedded-port=" + port)) {
      assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      try {
        assertThat(
                stubs
                    .blockingStub()
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                    .hasCapabilities())
            .isTrue();
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
