package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingContextTest {

  @Test
  void theClinicIsReadFromConversationWorkflowIds() {
    assertThat(LoggingContext.tenantOf("patient:clinica-moreira:5511900000001"))
        .isEqualTo("clinica-moreira");
    assertThat(LoggingContext.tenantOf("patient:demo:lid:103899771998284")).isEqualTo("demo");
    assertThat(LoggingContext.tenantOf("staff:demo:-1001234567890")).isEqualTo("demo");
    assertThat(LoggingContext.tenantOf("quota-reset")).isNull();
    assertThat(LoggingContext.tenantOf(null)).isNull();
  }
}
