package com.clinicflow.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminSecurityWarningTest {

  @Test
  void warnsAtStartWhenNoTokenIsConfigured(CapturedOutput output) {
    new AdminSecurityConfiguration()
        .adminTokenFilter(new AdminProperties("  "), new ObjectMapper());
    assertThat(output).contains("WARN").contains("clinicflow.admin.token is not set");
  }

  @Test
  void staysQuietWithAToken(CapturedOutput output) {
    new AdminSecurityConfiguration()
        .adminTokenFilter(new AdminProperties("a-token"), new ObjectMapper());
    assertThat(output).doesNotContain("clinicflow.admin.token");
  }

  @Test
  void neverPrintsTheToken() {
    assertThat(new AdminProperties("s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
  }
}
