package com.clinicflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The clinics of a run, created through the admin API as an operator would, and the patients
 * (conversations) spread over them.
 */
final class Clinics {

  static final String ADMIN_TOKEN = "bench-admin-token";

  record Clinic(String tenantId, String instance) {}

  record Patient(Clinic clinic, String phone) {}

  final List<Clinic> clinics = new ArrayList<>();

  /** Creates {@code count} clinics {@code bench-t000…} with a quota no run reaches. */
  static Clinics create(URI api, int count) {
    Clinics created = new Clinics();
    for (int i = 0; i < count; i++) {
      String id = String.format("bench-t%03d", i);
      String instance = String.format("bench_i%03d", i);
      ObjectNode t = FakeServer.JSON.createObjectNode();
      t.put("tenant_id", id);
      t.put("clinic_name", "Clinica Bench " + i);
      t.put("evolution_instance_name", instance);
      t.put(
          "system_prompt_patient",
          "Voce e a recepcionista virtual da Clinica Bench "
              + i
              + ". Seja cordial, objetiva e nunca invente horarios.");
      t.put("system_prompt_internal", "Assistente da equipe da clinica " + i);
      t.put("system_prompt_confirmation", "Confirme a consulta de amanha.");
      ObjectNode hours = t.putObject("business_hours");
      for (String day : new String[] {"mon", "tue", "wed", "thu", "fri"}) {
        hours.putObject(day).put("open", "08:00").put("close", "18:00");
      }
      t.putObject("clinic_info")
          .put("address", "Rua das Flores, " + (100 + i))
          .put("appointment_minutes", 30);
      t.put("timezone", "America/Sao_Paulo");
      t.put("language", "pt-BR");
      t.put("is_active", true);
      t.put("monthly_message_limit", 100_000_000);
      t.put("fallback_message", "Desculpe, tivemos um problema. Ja vamos responder.");
      t.put("quota_exceeded_message", "Limite de mensagens atingido.");
      HttpResponse<String> response;
      try {
        response =
            AppProcess.HTTP.send(
                HttpRequest.newBuilder(api.resolve("/api/tenants"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(t.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException("admin API unreachable", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (response.statusCode() != 201 && response.statusCode() != 409) {
        throw new IllegalStateException(
            "creating " + id + ": HTTP " + response.statusCode() + " " + response.body());
      }
      created.clinics.add(new Clinic(id, instance));
    }
    return created;
  }

  /**
   * {@code count} patients, spread round-robin over the clinics; {@code series} keeps the phone
   * numbers of different runs apart, so each run starts with fresh conversations.
   */
  List<Patient> patients(int series, int count) {
    List<Patient> patients = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Clinic clinic = clinics.get(i % clinics.size());
      patients.add(new Patient(clinic, String.format("55%02d9%08d", 11 + series % 80, i)));
    }
    return patients;
  }
}
