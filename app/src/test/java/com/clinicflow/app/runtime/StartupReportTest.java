package com.clinicflow.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.api.admin.AdminProperties;
import com.clinicflow.worker.TemporalProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/** The start-up block says whether the admin API is usable, never the token. */
class StartupReportAdminTest {

  private static String render(AdminProperties admin) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (admin != null) {
      beans.addBean("adminProperties", admin);
    }
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("clinicflow.roles", "api")
            .withProperty("local.server.port", "8080")
            .withProperty("spring.datasource.url", "jdbc:postgresql://db/clinicflow");
    return new StartupReport(
            environment,
            new TemporalProperties("127.0.0.1:7233", 7233, "default", "clinicflow", true, 600),
            beans.getBeanProvider(EmbeddedPostgresServer.class),
            beans.getBeanProvider(IntegrationStatus.class),
            beans.getBeanProvider(AdminProperties.class))
        .render();
  }

  @Test
  void saysTheAdminApiIsDisabledWithoutAToken() {
    assertThat(render(new AdminProperties(null)))
        .contains("admin      DISABLED: clinicflow.admin.token unset");
  }

  @Test
  void saysTheTokenIsSetWithoutShowingIt() {
    String report = render(new AdminProperties("s3cret-admin-token"));
    assertThat(report).contains("admin      admin API on /api/** (bearer token set)");
    assertThat(report).doesNotContain("s3cret-admin-token");
  }
}
