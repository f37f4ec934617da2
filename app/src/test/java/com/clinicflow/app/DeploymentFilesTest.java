package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yaml and .env.example agree with the contract: the README's configuration table
 * (which mirrors ARCHITECTURE §5) names every setting, and each one can be set in the deployment;
 * the compose services are the ones the architecture describes, with health checks and healthy
 * dependencies.
 */
class DeploymentFilesTest {

  static final Path ROOT = Path.of("..");

  /** Variables the deployment files use that are not ClinicFlow properties. */
  static final Set<String> DEPLOYMENT_ONLY =
      Set.of("POSTGRES_USER", "POSTGRES_PASSWORD", "PUBLIC_API_URL");

  @SuppressWarnings("unchecked")
  static Map<String, Object> compose() throws IOException {
    return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yaml")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) compose().get("services");
  }

  /** {@code clinicflow.gemini.base-url} / {@code .model} → both full names. */
  static List<String> readmeProperties() throws IOException {
    List<String> names = new ArrayList<>();
    Pattern row = Pattern.compile("^\\| `(clinicflow\\.[^`]+)`((?: / `\\.[^`]+`)*)");
    Pattern suffix = Pattern.compile("`\\.([^`]+)`");
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      Matcher m = row.matcher(line);
      if (!m.find()) {
        continue;
      }
      String first = m.group(1);
      names.add(first);
      String prefix = first.substring(0, first.lastIndexOf('.') + 1);
      Matcher more = suffix.matcher(m.group(2));
      while (more.find()) {
        names.add(prefix + more.group(1));
      }
    }
    return names;
  }

  /** Spring's relaxed binding: clinicflow.gemini.api-key → CLINICFLOW_GEMINI_API_KEY. */
  static String environmentName(String property) {
    return property.replace('.', '_').replace("-", "_").toUpperCase(Locale.ROOT);
  }

  static Set<String> envExampleNames() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    Pattern assignment = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=");
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      Matcher m = assignment.matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  static Set<String> composeEnvironmentNames() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> service : services().values()) {
      Object environment = service.get("environment");
      if (environment instanceof Map<?, ?> map) {
        map.keySet().forEach(k -> names.add(k.toString()));
      }
    }
    return names;
  }

  @Test
  void everyDocumentedSettingCanBeSetInTheDeployment() throws IOException {
    List<String> properties = readmeProperties();
    assertThat(properties).hasSizeGreaterThan(30).contains("clinicflow.temporal.task-queue");
    Set<String> settable = new LinkedHashSet<>(envExampleNames());
    settable.addAll(composeEnvironmentNames());

    for (String property : properties) {
      assertThat(settable)
          .as("%s (%s) in .env.example or docker-compose.yaml", property, environmentName(property))
          .contains(environmentName(property));
    }
  }

  @Test
  void theEnvironmentExampleNamesOnlyRealSettings() throws IOException {
    Set<String> known = new LinkedHashSet<>(DEPLOYMENT_ONLY);
    readmeProperties().forEach(p -> known.add(environmentName(p)));
    assertThat(known).containsAll(envExampleNames());
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeRunsTheArchitecturesServicesInHealthyOrder() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services.keySet())
        .containsExactlyInAnyOrder("postgresql", "temporal", "temporal-ui", "api", "worker");
    for (String name : List.of("postgresql", "temporal", "api")) {
      Map<String, Object> service = services.get(name);
      boolean ownHealthcheck = service.containsKey("healthcheck");
      // api and worker inherit the image's HEALTHCHECK (Dockerfile)
      assertThat(ownHealthcheck || name.equals("api")).as(name + " health check").isTrue();
    }
    for (String name : List.of("temporal", "temporal-ui", "api", "worker")) {
      Map<String, Map<String, String>> dependsOn =
          (Map<String, Map<String, String>>) services.get(name).get("depends_on");
      assertThat(dependsOn).as(name + " depends_on").isNotEmpty();
      dependsOn.values().forEach(d -> assertThat(d.get("condition")).isEqualTo("service_healthy"));
    }
    Map<String, Object> api = (Map<String, Object>) services.get("api").get("environment");
    Map<String, Object> worker = (Map<String, Object>) services.get("worker").get("environment");
    assertThat(api.get("CLINICFLOW_ROLES")).isEqualTo("api");
    assertThat(worker.get("CLINICFLOW_ROLES")).isEqualTo("worker");
    assertThat(services.get("worker").get("image")).isEqualTo(services.get("api").get("image"));
    assertThat(api.get("CLINICFLOW_TEMPORAL_ADDRESS")).isEqualTo("temporal:7233");
    assertThat(api.get("SPRING_DATASOURCE_URL").toString())
        .startsWith("jdbc:postgresql://postgresql:");
    Map<String, Object> ui = (Map<String, Object>) services.get("temporal-ui").get("environment");
    assertThat(ui.get("TEMPORAL_CODEC_ENDPOINT").toString()).endsWith("/codec");
    assertThat(Files.readString(ROOT.resolve("Dockerfile")))
        .contains("HEALTHCHECK", "/actuator/health");
  }
}
