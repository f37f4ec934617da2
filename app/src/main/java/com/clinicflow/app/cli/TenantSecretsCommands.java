package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code clinicflow tenants secrets|set-secret|delete-secret}: a clinic's own keys, by name only; a
 * value goes in on standard input and never comes back out.
 */
final class TenantSecretsCommands {

  private final CommandContext c;

  TenantSecretsCommands(CommandContext c) {
    this.c = c;
  }

  int secrets() {
    c.allow("secrets");
    String id = c.args.exactly(2, "clinicflow tenants secrets TENANT_ID").get(1);
    JsonNode names = c.api().get(CommandContext.tenantPath(id) + "/secrets");
    if (c.json(names)) {
      return ExitCode.OK;
    }
    if (!names.path("secrets_enabled").asBoolean()) {
      c.out.println("(secrets are disabled on the server: no master key configured)");
    }
    if (names.path("names").isEmpty()) {
      c.out.println("No secrets.");
    }
    names.path("names").forEach(n -> c.out.println(n.asText()));
    return ExitCode.OK;
  }

  /** The value comes from standard input, so it is in no shell history and no process list. */
  int setSecret() {
    c.allow("set-secret");
    List<String> words =
        c.args.exactly(
            3, "clinicflow tenants set-secret TENANT_ID NAME  (value on standard input)");
    String value = TenantFields.readStdin(c.console.in());
    if (value.endsWith("\n")) {
      value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
    }
    ObjectNode body = JsonHttp.JSON.createObjectNode().put("value", value);
    c.api()
        .call(
            "PUT",
            CommandContext.tenantPath(words.get(1)) + "/secrets/" + AdminApi.segment(words.get(2)),
            body);
    if (!c.args.flag("json")) {
      c.out.println("Secret " + words.get(2) + " of " + words.get(1) + " stored (encrypted).");
    }
    return ExitCode.OK;
  }

  int deleteSecret() {
    c.allow("delete-secret");
    List<String> words = c.args.exactly(3, "clinicflow tenants delete-secret TENANT_ID NAME");
    c.api()
        .call(
            "DELETE",
            CommandContext.tenantPath(words.get(1)) + "/secrets/" + AdminApi.segment(words.get(2)),
            null);
    if (!c.args.flag("json")) {
      c.out.println("Secret " + words.get(2) + " of " + words.get(1) + " deleted.");
    }
    return ExitCode.OK;
  }
}
