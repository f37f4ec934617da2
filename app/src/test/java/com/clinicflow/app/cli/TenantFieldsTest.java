package com.clinicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantFieldsTest {

  @TempDir Path dir;

  private static Console console(String stdin) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new Console(
        Map.of(), sink, sink, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  private static ObjectNode body(String stdin, String... words) {
    return TenantFields.body(Arguments.parse(List.of(words), TenantsCommand.FLAGS), console(stdin));
  }

  @Test
  void optionsAreTheJsonFieldsInKebabCaseWithTypes() {
    ObjectNode body =
        body(
            "",
            "add",
            "--id",
            "clinica",
            "--clinic-name",
            "Clínica",
            "--instance",
            "clinica_instance",
            "--telegram-internal-chat-id",
            "-1001234567890",
            "--limit",
            "300",
            "--active",
            "no",
            "--clinic-info",
            "{\"appointment_minutes\": 30}");
    assertThat(body.toString())
        .isEqualTo(
            "{\"tenant_id\":\"clinica\",\"clinic_name\":\"Clínica\","
                + "\"evolution_instance_name\":\"clinica_instance\","
                + "\"telegram_internal_chat_id\":-1001234567890,\"monthly_message_limit\":300,"
                + "\"is_active\":false,\"clinic_info\":{\"appointment_minutes\":30}}");
  }

  @Test
  void aValueThatIsNotItsTypeIsSentAsGivenForTheApiToNameTheField() {
    ObjectNode body = body("", "add", "--telegram-chat", "abc", "--limit", "lots");
    assertThat(body.get("telegram_internal_chat_id").asText()).isEqualTo("abc");
    assertThat(body.get("monthly_message_limit").isTextual()).isTrue();
  }

  @Test
  void compactBusinessHoursExpandDayRanges() {
    ObjectNode body = body("", "add", "--business-hours", "mon-wed=08:00-18:00, sat=09:00-12:00");
    assertThat(body.get("business_hours").toString())
        .isEqualTo(
            "{\"mon\":{\"open\":\"08:00\",\"close\":\"18:00\"},"
                + "\"tue\":{\"open\":\"08:00\",\"close\":\"18:00\"},"
                + "\"wed\":{\"open\":\"08:00\",\"close\":\"18:00\"},"
                + "\"sat\":{\"open\":\"09:00\",\"close\":\"12:00\"}}");
    assertThatThrownBy(() -> body("", "add", "--business-hours", "weekdays"))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("--business-hours");
  }

  @Test
  void aFileGivesTheBodyAndOptionsOverrideIt() throws Exception {
    Path file = dir.resolve("clinic.json");
    Files.writeString(
        file, "{\"tenant_id\":\"a\",\"clinic_name\":\"From file\",\"language\":\"en\"}");
    Path prompt = dir.resolve("prompt.txt");
    Files.writeString(prompt, "Você é a recepcionista.\nSeja gentil.");
    ObjectNode body =
        body(
            "",
            "add",
            "--file",
            file.toString(),
            "--name",
            "From flag",
            "--system-prompt-patient",
            "@" + prompt);
    assertThat(body.get("tenant_id").asText()).isEqualTo("a");
    assertThat(body.get("clinic_name").asText()).isEqualTo("From flag");
    assertThat(body.get("language").asText()).isEqualTo("en");
    assertThat(body.get("system_prompt_patient").asText())
        .isEqualTo("Você é a recepcionista.\nSeja gentil.");
  }

  @Test
  void aFileCanComeFromStandardInputAndMustBeAnObject() {
    assertThat(body("{\"tenant_id\":\"b\"}", "add", "--file", "-").get("tenant_id").asText())
        .isEqualTo("b");
    assertThatThrownBy(() -> body("[1]", "add", "--file", "-"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> body("", "add", "--file", dir.resolve("missing.json").toString()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
  }
}
