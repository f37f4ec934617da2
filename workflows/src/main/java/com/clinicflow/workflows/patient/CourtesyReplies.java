package com.clinicflow.workflows.patient;

/**
 * Fixed answers that need no LLM, in the clinic's language (by its language tag's prefix; English
 * when the language is not one of these).
 */
final class CourtesyReplies {

  private CourtesyReplies() {}

  /** For messages the assistant cannot read (videos, Word documents, polls…). */
  static String unsupportedMessage(String language) {
    String lang = language == null ? "" : language.toLowerCase(java.util.Locale.ROOT);
    if (lang.startsWith("pt")) {
      return "Desculpe, por aqui eu consigo ler apenas textos, áudios, fotos, vídeos e PDFs. "
          + "Pode me escrever ou mandar um áudio?";
    }
    if (lang.startsWith("es")) {
      return "Disculpa, por aquí solo puedo leer textos, audios, fotos, videos y PDF. "
          + "¿Puedes escribirme o enviar un audio?";
    }
    return "Sorry, I can only read text, voice messages, photos, videos and PDFs here. "
        + "Could you write to me or send a voice note?";
  }
}
