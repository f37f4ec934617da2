package com.clinicflow.app.cli;

import static com.clinicflow.activities.secrets.TenantSecrets.EVOLUTION_API_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code clinicflow tenants onboard}: a new clinic in one command. Creates the tenant through the
 * admin API, creates its WhatsApp instance in Evolution, points the instance's webhook at
 * ClinicFlow with the shared secret header, keeps the instance's own Evolution token as the
 * clinic's {@code evolution_api_key} secret (when the server can store secrets), and shows the
 * pairing QR code in the terminal.
 *
 * <p>Every step can be run again: an existing tenant with the same instance and an existing
 * Evolution instance are taken as they are, so a run that failed half-way is finished by running
 * the same command again.
 */
final class OnboardCommand {

  private static final Set<String> OPTIONS =
      Set.of("url", "token", "evolution-url", "evolution-api-key", "webhook-url", "webhook-secret");

  private final Arguments args;
  private final Console console;
  private final PrintStream out;
  private final boolean json;

  OnboardCommand(Arguments args, Console console) {
    this.args = args;
    this.console = console;
    this.json = args.flag("json");
    // With --json, progress goes to stderr and stdout carries only the summary.
    this.out = json ? console.err() : console.out();
  }

  int run() {
    Set<String> allowed = new LinkedHashSet<>(OPTIONS);
    allowed.addAll(TenantFields.optionNames());
    args.allowOnly(allowed, "tenants onboard");
    args.exactly(
        1,
        "clinicflow tenants onboard [--file FILE] [--FIELD VALUE …] --evolution-url URL"
            + " --evolution-api-key KEY [--webhook-url URL] [--webhook-secret SECRET]");

    // Everything that can be wrong on the command line is found before anything is created.
    ObjectNode tenant = TenantFields.body(args, console);
    String tenantId = required(tenant, "tenant_id", "--id");
    String instance = required(tenant, "evolution_instance_name", "--instance");
    AdminApi admin = AdminApi.from(args, console);
    EvolutionApi evolution = EvolutionApi.from(args, console);
    String webhookUrl = webhookUrl(admin);
    String secret = option("webhook-secret", "CLINICFLOW_EVOLUTION_WEBHOOK_SECRET");

    boolean tenantExisted = ensureTenant(admin, tenant, tenantId, instance);
    EvolutionApi.Instance created = evolution.createInstance(instance);
    out.println(
        created.existed()
            ? "Evolution instance " + instance + " exists already: using it."
            : "Created Evolution instance " + instance + ".");
    evolution.setWebhook(instance, webhookUrl, secret);
    out.println(
        "Webhook of "
            + instance
            + " points at "
            + webhookUrl
            + " ("
            + String.join(", ", EvolutionApi.WEBHOOK_EVENTS)
            + (secret == null ? ", no secret header" : ", with the X-Webhook-Secret header")
            + ").");
    if (secret == null) {
      out.println(
          "Warning: no webhook secret given (--webhook-secret or"
              + " CLINICFLOW_EVOLUTION_WEBHOOK_SECRET); ClinicFlow refuses unsigned webhooks when"
              + " it has one configured.");
    }

    String token = keepInstanceToken(admin, evolution, tenantId, instance, created);

    EvolutionApi.Pairing pairing = created.pairing();
    if (pairing == null || pairing.qrCode() == null) {
      pairing = evolution.connect(instance);
    }
    boolean connected = pairing.qrCode() == null && "open".equals(pairing.state());
    if (json) {
      ObjectNode summary = JsonHttp.JSON.createObjectNode();
      summary.put("tenant_id", tenantId);
      summary.put("tenant_created", !tenantExisted);
      summary.put("evolution_instance_name", instance);
      summary.put("instance_created", !created.existed());
      summary.put("webhook_url", webhookUrl);
      summary.put("instance_token", token);
      summary.put("connected", connected);
      summary.put("qr_code", pairing.qrCode());
      summary.put("pairing_code", pairing.pairingCode());
      CommandContext.printJson(console.out(), summary);
      return ExitCode.OK;
    }
    showPairing(instance, pairing, connected);
    return ExitCode.OK;
  }

  private boolean ensureTenant(
      AdminApi admin, ObjectNode tenant, String tenantId, String instance) {
    Optional<JsonNode> existing = admin.find(CommandContext.tenantPath(tenantId));
    if (existing.isPresent()) {
      String existingInstance = existing.get().path("evolution_instance_name").asText();
      if (!instance.equals(existingInstance)) {
        throw new CliException(
            ExitCode.API_ERROR,
            "tenant "
                + tenantId
                + " exists already with WhatsApp instance "
                + existingInstance
                + ", not "
                + instance);
      }
      out.println("Tenant " + tenantId + " exists already: using it.");
      return true;
    }
    admin.call("POST", "/api/tenants", tenant);
    out.println("Created tenant " + tenantId + ".");
    return false;
  }

  /**
   * Stores the instance's token as the clinic's {@code evolution_api_key} secret, so ClinicFlow
   * sends for this clinic with a key that reaches only its own instance instead of the global one.
   * The token is never printed.
   *
   * @return {@code stored}, {@code secrets_disabled} (the server has no master key) or {@code
   *     not_given} (Evolution did not show it)
   */
  private String keepInstanceToken(
      AdminApi admin,
      EvolutionApi evolution,
      String tenantId,
      String instance,
      EvolutionApi.Instance created) {
    String secrets = CommandContext.tenantPath(tenantId) + "/secrets";
    if (!admin.get(secrets).path("secrets_enabled").asBoolean()) {
      out.println(
          "The instance's own token was not stored: the server has no master key"
              + " (clinicflow.security.master-key), so it sends for "
              + tenantId
              + " with its global Evolution key.");
      return "secrets_disabled";
    }
    String token = created.token() != null ? created.token() : evolution.instanceToken(instance);
    if (token == null) {
      out.println(
          "Evolution did not show the token of "
              + instance
              + "; ClinicFlow sends for "
              + tenantId
              + " with its global Evolution key (or: clinicflow tenants set-secret "
              + tenantId
              + " "
              + EVOLUTION_API_KEY
              + ").");
      return "not_given";
    }
    ObjectNode value = JsonHttp.JSON.createObjectNode().put("value", token);
    admin.call("PUT", secrets + "/" + EVOLUTION_API_KEY, value);
    out.println(
        "Stored the token of "
            + instance
            + " as the secret "
            + EVOLUTION_API_KEY
            + " of "
            + tenantId
            + ": ClinicFlow sends for it with that key.");
    return "stored";
  }

  private void showPairing(String instance, EvolutionApi.Pairing pairing, boolean connected) {
    if (connected) {
      out.println("WhatsApp of " + instance + " is connected already: nothing to scan.");
      return;
    }
    if (pairing.qrCode() == null) {
      out.println(
          "Evolution gave no QR code yet; get one later with GET /instance/connect/" + instance);
      return;
    }
    if (!args.flag("no-qr")) {
      out.println();
      out.println(
          "Scan with WhatsApp on the clinic's phone (Settings > Linked devices > Link a device):");
      out.print(QrTerminal.render(pairing.qrCode(), args.flag("invert-qr")));
    }
    if (pairing.pairingCode() != null) {
      out.println("Or link with the phone number and this pairing code: " + pairing.pairingCode());
    }
  }

  private String webhookUrl(AdminApi admin) {
    String url = option("webhook-url", "CLINICFLOW_WEBHOOK_URL");
    if (url != null) {
      return url;
    }
    String derived = admin.baseUrl() + "/webhooks/evolution";
    String host = URI.create(admin.baseUrl()).getHost();
    if (host != null
        && Set.of("localhost", "127.0.0.1", "::1").contains(host.toLowerCase(Locale.ROOT))) {
      out.println(
          "Note: Evolution will post to "
              + derived
              + "; if Evolution runs elsewhere (e.g. in Docker) give --webhook-url.");
    }
    return derived;
  }

  private String option(String name, String environment) {
    String value = args.option(name);
    return value != null ? value : console.env(environment);
  }

  private static String required(ObjectNode tenant, String field, String flag) {
    JsonNode value = tenant.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw CliException.usage(
          "onboard needs " + field + " (" + flag + " or --" + field.replace('_', '-') + ")");
    }
    return value.asText();
  }
}
