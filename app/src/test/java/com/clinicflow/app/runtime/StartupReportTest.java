package com.clinicflow.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.api.admin.AdminProperties;
import com.clinicflow.worker.TemporalProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * The start-up block says whether the admin API is usable (never the token) and what an embedded
 * Temporal server costs.
 */
class StartupReportTest {

  private static final TemporalProperties EXTERNAL =
      new TemporalProperties("127.0.0.1:7233", 7233, "default", "clinicflow", true, 600, null);

  private static String render(AdminProperties admin) {
    return render(admin, EXTERNAL);
  }

  private static String render(AdminProperties admin, TemporalProperties temporal) {
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
            temporal,
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

  @Test
  void warnsThatTheEmbeddedServerKeepsEveryHistory() {
    TemporalProperties embedded =
        new TemporalProperties(null, 7233, "default", "clinicflow", true, 600, null);
    assertThat(render(new AdminProperties("t"), embedded))
        .contains(
            "embedded test server on 127.0.0.1:7233 (in memory, every history kept until this"
                + " process stops: for trials; see docs/operations.md)");
    assertThat(render(new AdminProperties("t"), EXTERNAL))
        .contains("temporal   external 127.0.0.1:7233,")
        .doesNotContain("every history kept");
  }
}
