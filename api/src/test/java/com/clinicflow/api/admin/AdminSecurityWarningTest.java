package com.clinicflow.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.api.codec.CodecProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminSecurityWarningTest {

  @Test
  void warnsAtStartWhenNoTokenIsConfigured(CapturedOutput output) {
    filterFor(new AdminProperties("  "));
    assertThat(output).contains("WARN").contains("clinicflow.admin.token is not set");
  }

  @Test
  void staysQuietWithAToken(CapturedOutput output) {
    filterFor(new AdminProperties("a-token"));
    assertThat(output).doesNotContain("clinicflow.admin.token");
  }

  private static void filterFor(AdminProperties properties) {
    AdminSecurityConfiguration configuration = new AdminSecurityConfiguration();
    configuration.adminTokenFilter(
        properties,
        configuration.adminToken(properties),
        configuration.codecSessions(properties, new CodecProperties(null, null)),
        new ObjectMapper());
  }

  @Test
  void neverPrintsTheToken() {
    assertThat(new AdminProperties("s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
  }
}
