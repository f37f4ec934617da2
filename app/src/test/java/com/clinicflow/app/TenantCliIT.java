package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code clinicflow tenants} CLI against the running application: every command, its tables and
 * {@code --json}, its exit codes, and the acceptance "a clinic added with one CLI command answers
 * its first WhatsApp message with no restart".
 */
class TenantCliIT extends RunningClinicFlow {

  private String[] addArgs(String id, String instance) {
    return new String[] {
      "tenants", "add",
      "--id", id,
      "--name", "Clínica " + id,
      "--instance", instance,
      "--system-prompt-patient", "Você é a recepcionista da " + id + ".",
      "--system-prompt-internal", "Você ajuda a equipe.",
      "--system-prompt-confirmation", "Confirme a consulta.",
      "--business-hours", "mon-fri=08:00-18:00,sat=08:00-12:00",
      "--timezone", "America/Sao_Paulo",
      "--limit", "50",
      "--fallback-message", "Desculpe, já retornamos.",
      "--quota-exceeded-message", "Limite atingido."
    };
  }

  @Test
  void aClinicAddedWithOneCommandAnswersItsFirstWhatsAppMessage() throws Exception {
    CliRun add = cli(addArgs("cli-nova", "cli_nova_instance"));
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("Created tenant cli-nova");

    String phone = nextPhone();
    patientWrites("cli_nova_instance", phone, "primeira mensagem para a nova clínica");

    awaitTrue("a reply to the new clinic's patient", () -> sends(phone).size() == 1);
    assertThat(sends(phone).get(0).getUrl()).isEqualTo("/message/sendText/cli_nova_instance");
    assertThat(systemInstruction(geminiCallsMentioning("primeira mensagem para a nova").get(0)))
        .contains("Você é a recepcionista da cli-nova.");
  }

  @Test
  void listShowAndJsonAgreeWithTheApi() throws Exception {
    assertThat(cli(addArgs("cli-list-a", "cli_list_a_instance")).exit()).isZero();
    assertThat(cli(addArgs("cli-list-b", "cli_list_b_instance")).exit()).isZero();
    assertThat(cli("tenants", "deactivate", "cli-list-b").exit()).isZero();

    CliRun table = cli("tenants", "list", "--search", "cli_list");
    assertThat(table.exit()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TENANT").contains("INSTANCE", "ACTIVE", "MESSAGES");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("cli-list-a", "Clínica cli-list-a", "yes", "0/50");
    assertThat(lines.get(2)).contains("cli-list-b", "no");

    CliRun inactive = cli("tenants", "list", "--active", "false", "--search", "cli_list", "--json");
    assertThat(inactive.exit()).isZero();
    JsonNode json = JSON.readTree(inactive.out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("tenant_id").asText()).isEqualTo("cli-list-b");

    CliRun show = cli("tenants", "show", "cli-list-a");
    assertThat(show.exit()).isZero();
    assertThat(show.out())
        .contains("clinic_name", "Clínica cli-list-a")
        .contains("business_hours", "mon 08:00-18:00", "sat 08:00-12:00")
        .contains("monthly_message_limit", "50")
        .contains("transcript_retention_days", "the deployment's");
    JsonNode shown = JSON.readTree(cli("tenants", "show", "cli-list-a", "--json").out());
    JsonNode api = JSON.readTree(admin("GET", "/api/tenants/cli-list-a", null).body());
    assertThat(shown).isEqualTo(api);
  }

  @Test
  void updateChangesOnlyTheGivenFields() throws Exception {
    assertThat(cli(addArgs("cli-upd", "cli_upd_instance")).exit()).isZero();

    CliRun update =
        cli("tenants", "update", "cli-upd", "--clinic-name", "Clínica Renovada", "--limit", "70");
    assertThat(update.exit()).as(update.err()).isZero();
    assertThat(update.out())
        .contains("Updated tenant cli-upd: clinic_name, monthly_message_limit.");

    JsonNode tenant = JSON.readTree(admin("GET", "/api/tenants/cli-upd", null).body());
    assertThat(tenant.get("clinic_name").asText()).isEqualTo("Clínica Renovada");
    assertThat(tenant.get("monthly_message_limit").asInt()).isEqualTo(70);
    assertThat(tenant.get("language").asText()).isEqualTo("pt-BR");
    assertThat(tenant.get("transcript_retention_days").isNull()).isTrue();

    CliRun retention = cli("tenants", "update", "cli-upd", "--retention-days", "730");
    assertThat(retention.out()).contains("Updated tenant cli-upd: transcript_retention_days.");
    assertThat(cli("tenants", "show", "cli-upd").out())
        .containsPattern("transcript_retention_days +730 days");
    assertThat(cli("tenants", "update", "cli-upd", "--retention-days", "0").exit()).isZero();
    assertThat(cli("tenants", "show", "cli-upd").out())
        .containsPattern("transcript_retention_days +for ever");
    CliRun cleared = cli("tenants", "update", "cli-upd", "--clear", "transcript_retention_days");
    assertThat(cleared.exit()).as(cleared.err()).isZero();
    assertThat(cleared.out()).contains("cleared transcript_retention_days");
    assertThat(cli("tenants", "show", "cli-upd").out())
        .containsPattern("transcript_retention_days +the deployment's");

    // Each change is in the clinic's log, by field, and --type finds it among the rest.
    CliRun changes = cli("tenants", "logs", "cli-upd", "--type", "configuration_changed");
    assertThat(changes.exit()).as(changes.err()).isZero();
    assertThat(changes.out())
        .contains("fields=[clinic_name, monthly_message_limit]")
        .contains("fields=[transcript_retention_days]")
        .doesNotContain("message_received");
  }

  @Test
  void anInvalidOrConflictingTenantIsExitOneWithTheFieldNamed() throws Exception {
    assertThat(cli(addArgs("cli-bad", "cli_bad_instance")).exit()).isZero();

    String[] zone = addArgs("cli-bad-2", "cli_bad_2_instance");
    zone[List.of(zone).indexOf("--timezone") + 1] = "Mars/Olympus_Mons";
    CliRun badZone = cli(zone);
    assertThat(badZone.exit()).isEqualTo(1);
    assertThat(badZone.err()).contains("HTTP 400 invalid_field").contains("timezone");

    CliRun badLimit = cli("tenants", "update", "cli-bad", "--limit", "lots");
    assertThat(badLimit.exit()).isEqualTo(1);
    assertThat(badLimit.err()).contains("monthly_message_limit");

    CliRun taken = cli(addArgs("cli-bad-3", "cli_bad_instance"));
    assertThat(taken.exit()).isEqualTo(1);
    assertThat(taken.err()).contains("HTTP 409").contains("evolution_instance_name");

    CliRun unknown = cli("tenants", "show", "cli-nobody");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("HTTP 404 unknown_tenant");
  }

  @Test
  void deactivatingStopsRepliesAtOnceAndActivatingBringsThemBack() throws Exception {
    assertThat(cli(addArgs("cli-onoff", "cli_onoff_instance")).exit()).isZero();
    String phone = nextPhone();
    patientWrites("cli_onoff_instance", phone, "antes de desativar");
    awaitTrue("the first reply", () -> sends(phone).size() == 1);

    CliRun off = cli("tenants", "deactivate", "cli-onoff");
    assertThat(off.exit()).isZero();
    assertThat(off.out()).contains("inactive");
    // the very next message, right after the command returned
    patientWrites("cli_onoff_instance", phone, "depois de desativar");
    settle();
    assertThat(geminiCallsMentioning("depois de desativar")).isEmpty();
    assertThat(sends(phone)).hasSize(1);

    assertThat(cli("tenants", "activate", "cli-onoff").exit()).isZero();
    patientWrites("cli_onoff_instance", phone, "reativada");
    awaitTrue("a reply after activation", () -> sends(phone).size() == 2);
  }

  @Test
  void usageHealthLogsAndResetQuotaShowWhatHappened() throws Exception {
    assertThat(cli(addArgs("cli-obs", "cli_obs_instance")).exit()).isZero();
    String phone = nextPhone();
    patientWrites("cli_obs_instance", phone, "quero marcar uma consulta");
    awaitTrue("the reply", () -> sends(phone).size() == 1);
    HttpResponseAssert.ok(
        webhook(
            """
            {"event":"connection.update","instance":"cli_obs_instance",
             "data":{"instance":"cli_obs_instance","state":"open","statusReason":200},
             "date_time":"2025-11-13T10:18:48.827Z","sender":"5511999999999@s.whatsapp.net"}"""));

    awaitTrue(
        "the reply recorded in the activity log",
        () -> cli("tenants", "logs", "cli-obs").out().contains("reply_sent"));
    CliRun usage = cli("tenants", "usage", "cli-obs");
    assertThat(usage.exit()).isZero();
    assertThat(usage.out()).contains("1 of 50 (2.0 %), 49 left").contains("America/Sao_Paulo");
    JsonNode usageJson = JSON.readTree(cli("tenants", "usage", "cli-obs", "--json").out());
    assertThat(usageJson.get("message_count").asInt()).isEqualTo(1);
    assertThat(usageJson.get("percent").asDouble()).isEqualTo(2.0);

    CliRun health = cli("tenants", "health", "cli-obs");
    assertThat(health.exit()).isZero();
    assertThat(health.out()).startsWith("cli-obs: OK").contains("whatsapp", "open (reason 200)");
    CliRun overview = cli("tenants", "health");
    assertThat(overview.exit()).as(overview.err()).isZero();
    assertThat(overview.out())
        .contains("TENANT", "STATUS", "WAITING", "active clinic(s)")
        .containsPattern("cli-obs +OK +- +open");
    JsonNode overviewJson = JSON.readTree(cli("tenants", "health", "--json").out());
    assertThat(overviewJson.isArray()).isTrue();
    assertThat(overviewJson.findValuesAsText("tenant_id")).contains("cli-obs");
    JsonNode healthJson = JSON.readTree(cli("tenants", "health", "cli-obs", "--json").out());
    assertThat(healthJson.get("last_inbound_at").isTextual()).isTrue();
    assertThat(healthJson.get("last_reply_at").isTextual()).isTrue();
    assertThat(healthJson.at("/whatsapp/state").asText()).isEqualTo("open");
    assertThat(healthJson.at("/needs_attention/count").asInt()).isZero();

    CliRun logs = cli("tenants", "logs", "cli-obs", "--size", "50");
    assertThat(logs.out().lines().findFirst().orElseThrow()).startsWith("WHEN").contains("EVENT");
    assertThat(logs.out()).contains("message_received", "reply_sent", "whatsapp_connection");
    JsonNode page = JSON.readTree(cli("tenants", "logs", "cli-obs", "--size", "1", "--json").out());
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("has_more").asBoolean()).isTrue();

    CliRun reset = cli("tenants", "reset-quota", "cli-obs");
    assertThat(reset.exit()).isZero();
    assertThat(reset.out()).contains("0/50");
    assertThat(
            JSON.readTree(cli("tenants", "usage", "cli-obs", "--json").out())
                .get("message_count")
                .asInt())
        .isZero();
  }

  @Test
  void exitCodesForUsageAuthenticationAndConnection() throws Exception {
    assertThat(cli("tenants", "show").exit()).isEqualTo(2);
    assertThat(cli("tenants", "logs", "x", "--since", "yesterday").exit()).isEqualTo(2);

    CliRun noToken = cliWithEnvironment(Map.of("CLINICFLOW_URL", baseUrl()), "", "tenants", "list");
    assertThat(noToken.exit()).isEqualTo(1);
    assertThat(noToken.err()).contains("HTTP 401").contains("--token");

    CliRun flagWins =
        cliWithEnvironment(
            Map.of("CLINICFLOW_URL", "http://127.0.0.1:1", "CLINICFLOW_ADMIN_TOKEN", "wrong"),
            "",
            "tenants",
            "list",
            "--url",
            baseUrl(),
            "--token",
            ADMIN,
            "--json");
    assertThat(flagWins.exit()).as(flagWins.err()).isZero();
    assertThat(JSON.readTree(flagWins.out()).isArray()).isTrue();

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliRun down =
        cliWithEnvironment(
            Map.of("CLINICFLOW_URL", "http://127.0.0.1:" + closed, "CLINICFLOW_ADMIN_TOKEN", ADMIN),
            "",
            "tenants",
            "list");
    assertThat(down.exit()).isEqualTo(3);
  }

  /**
   * The packaged entry point: {@code ClinicFlowApplication.main} hands {@code tenants …} to the CLI
   * before Spring, in a JVM of its own, and its exit code is the CLI's.
   */
  @Test
  void theMainClassRunsTheCliWithoutStartingSpring() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process list =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ClinicFlowApplication.class.getName(),
                "tenants",
                "list",
                "--url",
                baseUrl(),
                "--token",
                ADMIN)
            .redirectErrorStream(true)
            .start();
    assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.exitValue()).as(output).isZero();
    assertThat(output).startsWith("TENANT").doesNotContain("Spring").doesNotContain("INFO");

    Process missing =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ClinicFlowApplication.class.getName(),
                "tenants",
                "show",
                "nobody-here",
                "--url",
                baseUrl(),
                "--token",
                ADMIN)
            .redirectErrorStream(true)
            .start();
    assertThat(missing.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(missing.exitValue()).isEqualTo(1);
  }
}
