package com.clinicflow.activities.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.tools.ToolCatalogs;
import com.clinicflow.workflows.agent.LlmActivities;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LlmConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(LlmConfiguration.class)
          .withBean(TenantSecrets.class, () -> (tenantId, name) -> Optional.empty())
          .withBean(
              MediaFetcher.class, () -> ref -> new MediaFetcher.Media(new byte[0], "audio/ogg"))
          .withBean(ToolCatalogs.class, () -> ToolCatalogs.NONE);

  @Test
  void withoutApiKeyTheLlmIsTheLabelledSandbox() {
    context.run(
        ctx -> {
          assertThat(ctx.getBean(LlmActivities.class)).isInstanceOf(SandboxLlmActivities.class);
          assertThat(ctx.getBean("geminiIntegrationStatus", IntegrationStatus.class))
              .isEqualTo(
                  new IntegrationStatus("gemini", false, "sandbox: no clinicflow.gemini.api-key"));
        });
  }

  @Test
  void blankApiKeyCountsAsNone() {
    context
        .withPropertyValues("clinicflow.gemini.api-key=  ")
        .run(
            ctx ->
                assertThat(ctx.getBean(LlmActivities.class))
                    .isInstanceOf(SandboxLlmActivities.class));
  }

  @Test
  void withApiKeyTheLlmIsGeminiAndTheStatusShowsWhereItPointsButNotTheKey() {
    context
        .withPropertyValues(
            "clinicflow.gemini.api-key=live-key-42",
            "clinicflow.gemini.base-url=http://127.0.0.1:9/",
            "clinicflow.gemini.model=gemini-2.5-flash-lite")
        .run(
            ctx -> {
              assertThat(ctx.getBean(LlmActivities.class)).isInstanceOf(GeminiLlmActivities.class);
              IntegrationStatus status = ctx.getBean(IntegrationStatus.class);
              assertThat(status.live()).isTrue();
              assertThat(status.detail())
                  .contains("http://127.0.0.1:9/")
                  .contains("gemini-2.5-flash-lite")
                  .doesNotContain("live-key-42");
              assertThat(ctx.getBean(GeminiProperties.class).toString())
                  .doesNotContain("live-key-42");
            });
  }

  /** A proxy's credentials in a base URL stay out of the start-up block, for every adapter. */
  @Test
  void theStatusLeavesTheCredentialsOfAProxyUrlOut() {
    context
        .withPropertyValues(
            "clinicflow.gemini.api-key=live-key-42",
            "clinicflow.gemini.base-url=https://ops:pr0xy-pass@proxy.clinic:8443/gemini/")
        .run(
            ctx ->
                assertThat(ctx.getBean(IntegrationStatus.class).detail())
                    .startsWith("https://proxy.clinic:8443/gemini/")
                    .doesNotContain("pr0xy-pass")
                    .doesNotContain("ops:"));
    assertThat(new IntegrationStatus("x", true, "a http://u:p@h/ b https://h2/").detail())
        .isEqualTo("a http://h/ b https://h2/");
  }

  @Test
  void liveModeWithoutTheToolCatalogsFailsAtStartRatherThanOfferingNoTools() {
    new ApplicationContextRunner()
        .withUserConfiguration(LlmConfiguration.class)
        .withBean(TenantSecrets.class, () -> (tenantId, name) -> Optional.empty())
        .withBean(MediaFetcher.class, () -> ref -> new MediaFetcher.Media(new byte[0], "audio/ogg"))
        .withPropertyValues("clinicflow.gemini.api-key=live-key-42")
        .run(ctx -> assertThat(ctx).hasFailed());
  }

  @Test
  void defaultsFollowTheExternalContract() {
    context.run(
        ctx -> {
          GeminiProperties properties = ctx.getBean(GeminiProperties.class);
          assertThat(properties.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/");
          assertThat(properties.model()).isEqualTo("gemini-2.5-flash");
          assertThat(properties.apiVersion()).isEqualTo("v1beta");
          assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(60));
          assertThat(properties.temperature()).isEqualTo(0.3f);
          assertThat(properties.thinkingBudget()).isZero();
          assertThat(properties.hasApiKey()).isFalse();
        });
  }
}
