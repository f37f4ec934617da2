package com.clinicflow.workflows.staff;

import java.util.List;
import java.util.Locale;

/**
 * Fixed texts of the staff assistant that need no LLM, in the clinic's language (Portuguese,
 * Spanish, else English). A chat of no clinic has no language: its refusal is in Portuguese and
 * English.
 */
final class StaffTexts {

  private StaffTexts() {}

  static String refusal() {
    return "Desculpe, este chat não está autorizado a usar o assistente da clínica.\n"
        + "Sorry, this chat is not authorised to use the clinic assistant.";
  }

  static String unknownClinic() {
    return "Não encontrei essa clínica. Indique-a assim: /clinica <id> <mensagem>\n"
        + "Clinic not found. Name it like this: /clinica <id> <message>";
  }

  static String inactiveClinic(String language, String tenantId) {
    return switch (lang(language)) {
      case "pt" -> "A clínica " + tenantId + " está desativada.";
      case "es" -> "La clínica " + tenantId + " está desactivada.";
      default -> "Clinic " + tenantId + " is deactivated.";
    };
  }

  static String textOnly(String language) {
    return switch (lang(language)) {
      case "pt" -> "Por aqui eu entendo mensagens de texto e de voz, fotos e PDFs.";
      case "es" -> "Por aquí solo entiendo mensajes de texto y de voz, fotos y PDF.";
      default -> "I can only read text, voice messages, photos and PDFs here.";
    };
  }

  static String couldNotAnswer(String language) {
    return switch (lang(language)) {
      case "pt" -> "Não consegui responder agora (falha temporária). Tente de novo em instantes.";
      case "es" -> "No pude responder ahora (falla temporal). Inténtalo de nuevo en un momento.";
      default -> "I could not answer right now (temporary failure). Please try again shortly.";
    };
  }

  static String alert(StaffAlert alert) {
    String clinic = alert.clinicName() == null ? alert.tenantId() : alert.clinicName();
    boolean pt = lang(alert.language()).equals("pt");
    boolean es = lang(alert.language()).equals("es");
    return switch (alert.kind()) {
      case WHATSAPP_CONNECTION ->
          "open".equals(alert.state())
              ? (pt
                  ? "✅ WhatsApp reconectado: a instância "
                      + alert.instance()
                      + " voltou a funcionar."
                  : es
                      ? "✅ WhatsApp reconectado: la instancia " + alert.instance() + " volvió."
                      : "✅ WhatsApp reconnected: instance " + alert.instance() + " is back.")
              : (pt
                  ? "⚠️ WhatsApp desconectado: a instância "
                      + alert.instance()
                      + " caiu. Os pacientes não recebem respostas até reconectar."
                  : es
                      ? "⚠️ WhatsApp desconectado: la instancia "
                          + alert.instance()
                          + " cayó. Los pacientes no reciben respuestas hasta reconectar."
                      : "⚠️ WhatsApp disconnected: instance "
                          + alert.instance()
                          + " is down. Patients get no answers until it reconnects.");
      case QUOTA -> quota(alert, clinic, pt, es);
      case NEEDS_ATTENTION -> needsAttention(alert, pt, es);
    };
  }

  private static String needsAttention(StaffAlert alert, boolean pt, boolean es) {
    String text =
        pt
            ? "🆘 Uma conversa precisa de atenção: "
                + alert.workflowId()
                + " (erro "
                + alert.error()
                + "). O paciente recebeu a mensagem de contingência. Posso mostrar aqui o que"
                + " ele escreveu. Resolvida a causa, peça aqui para tentar de novo; se vocês"
                + " mesmos responderem o paciente, peça para deixar esta mensagem de lado."
            : es
                ? "🆘 Una conversación necesita atención: "
                    + alert.workflowId()
                    + " (error "
                    + alert.error()
                    + "). El paciente recibió el mensaje de contingencia. Puedo mostrarte aquí lo"
                    + " que escribió. Resuelta la causa, pídeme aquí que lo intente de nuevo; si"
                    + " ustedes responden al paciente, pídeme que deje este mensaje de lado."
                : "🆘 A conversation needs attention: "
                    + alert.workflowId()
                    + " (error "
                    + alert.error()
                    + "). The patient got the fallback message. I can show you here what they"
                    + " wrote. Once the cause is fixed, ask me here to try again; if you answer"
                    + " the patient yourselves, ask me to skip this message.";
    if (!Boolean.TRUE.equals(alert.retriesByItself())) {
      return text;
    }
    return text
        + (pt
            ? " Parece uma falha passageira: vou tentar de novo sozinho nas próximas horas."
            : es
                ? " Parece una falla pasajera: lo intentaré de nuevo por mi cuenta en las próximas"
                    + " horas."
                : " It looks like a passing outage: I will try again by myself over the next"
                    + " hours.");
  }

  /** At most this many conversations are named in one digest; the rest are counted. */
  static final int DIGEST_NAMED = 20;

  /**
   * Several conversations that need attention, in one message: each by its workflow id (what the
   * Temporal UI and the admin API know it by) and the failure that stopped it.
   */
  static String attentionDigest(List<StaffAlert> waiting) {
    String language = lang(waiting.get(0).language());
    StringBuilder text =
        new StringBuilder(
            switch (language) {
              case "pt" ->
                  "🆘 "
                      + waiting.size()
                      + " conversas precisam de atenção (os pacientes receberam a mensagem de"
                      + " contingência):";
              case "es" ->
                  "🆘 "
                      + waiting.size()
                      + " conversaciones necesitan atención (los pacientes recibieron el mensaje"
                      + " de contingencia):";
              default ->
                  "🆘 "
                      + waiting.size()
                      + " conversations need attention (the patients got the fallback message):";
            });
    for (StaffAlert alert : waiting.subList(0, Math.min(DIGEST_NAMED, waiting.size()))) {
      text.append("\n• ").append(alert.workflowId()).append(" (").append(alert.error()).append(')');
    }
    int more = waiting.size() - DIGEST_NAMED;
    if (more > 0) {
      text.append(
          switch (language) {
            case "pt" -> "\n… e mais " + more + ".";
            case "es" -> "\n… y " + more + " más.";
            default -> "\n… and " + more + " more.";
          });
    }
    text.append(
        switch (language) {
          case "pt" ->
              "\nQuando a causa for resolvida, peça aqui para tentar de novo todas (ou uma), ou"
                  + " para deixar de lado uma que vocês mesmos responderem.";
          case "es" ->
              "\nCuando se resuelva la causa, pídeme aquí que las reintente todas (o una), o que"
                  + " deje de lado una que ustedes respondan.";
          default ->
              "\nOnce the cause is fixed, ask me here to try them all again (or one), or to skip"
                  + " one you answer yourselves.";
        });
    if (waiting.stream().anyMatch(a -> Boolean.TRUE.equals(a.retriesByItself()))) {
      text.append(
          switch (language) {
            case "pt" -> " As que falharam por uma falha passageira eu tento de novo sozinho.";
            case "es" -> " Las que fallaron por una falla pasajera las reintento por mi cuenta.";
            default -> " Those that failed on a passing outage I will try again by myself.";
          });
    }
    return text.toString();
  }

  private static String quota(StaffAlert alert, String clinic, boolean pt, boolean es) {
    String usage = alert.count() + "/" + alert.limit();
    boolean full = alert.percent() != null && alert.percent() >= 100;
    if (pt) {
      return full
          ? "⛔ "
              + clinic
              + " atingiu 100% da cota mensal de mensagens ("
              + usage
              + "). O bot não responde mais aos pacientes até o próximo período ou um reset."
          : "⚠️ "
              + clinic
              + " usou "
              + alert.percent()
              + "% da cota mensal de mensagens ("
              + usage
              + ").";
    }
    if (es) {
      return full
          ? "⛔ " + clinic + " alcanzó el 100% de su cuota mensual (" + usage + ")."
          : "⚠️ "
              + clinic
              + " usó el "
              + alert.percent()
              + "% de su cuota mensual ("
              + usage
              + ").";
    }
    return full
        ? "⛔ "
            + clinic
            + " reached 100% of its monthly message quota ("
            + usage
            + "). The bot no longer answers patients until the next period or a reset."
        : "⚠️ "
            + clinic
            + " used "
            + alert.percent()
            + "% of its monthly message quota ("
            + usage
            + ").";
  }

  private static String lang(String language) {
    String l = language == null ? "" : language.toLowerCase(Locale.ROOT);
    if (l.startsWith("pt")) {
      return "pt";
    }
    if (l.startsWith("es")) {
      return "es";
    }
    return "en";
  }
}
