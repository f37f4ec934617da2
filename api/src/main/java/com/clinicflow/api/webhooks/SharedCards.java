package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Contact cards and locations a patient shares, as the words the model reads. A patient booking for
 * a relative often sends the relative's card ("this is my mother"), and one asking the way sends
 * where they are: both were answered "I can only read text…" before. WhatsApp sends a card as a
 * vCard ({@code contactMessage}, several in {@code contactsArrayMessage}) and a place as
 * coordinates with an optional name and address ({@code locationMessage}; {@code
 * liveLocationMessage} while it is shared live).
 *
 * <p>What is read is bounded (a hostile body can carry megabytes of vCard): the first {@link
 * #MAX_CARDS} cards, a name of {@link #MAX_NAME_CHARS}, two numbers of {@link #MAX_PHONE_CHARS}.
 */
final class SharedCards {

  static final int MAX_CARDS = 5;
  static final int MAX_NAME_CHARS = 80;
  static final int MAX_PHONE_CHARS = 32;
  private static final int MAX_PHONES = 2;

  /** The start of a vCard that is read: a card's name and numbers come first. */
  private static final int MAX_VCARD_CHARS = 4_000;

  private SharedCards() {}

  /**
   * {@code [contact card: Maria Silva, +55 11 91234-5678]} (several: {@code [contact cards: …; …]})
   * for the cards in {@code message}; null when it shares none.
   */
  static String contacts(JsonNode message) {
    List<JsonNode> cards = new ArrayList<>();
    JsonNode single = message.get("contactMessage");
    if (single != null && single.isObject()) {
      cards.add(single);
    }
    JsonNode array = message.path("contactsArrayMessage").get("contacts");
    if (array != null && array.isArray()) {
      array.forEach(
          card -> {
            if (card.isObject()) {
              cards.add(card);
            }
          });
    }
    List<String> read = new ArrayList<>();
    for (JsonNode card : cards) {
      if (read.size() == MAX_CARDS) {
        break;
      }
      read.add(card(card));
    }
    if (read.isEmpty()) {
      return null;
    }
    int more = cards.size() - read.size();
    return (read.size() == 1 && more == 0 ? "[contact card: " : "[contact cards: ")
        + String.join("; ", read)
        + (more > 0 ? "; and " + more + " more" : "")
        + "]";
  }

  /** One card: its name (the vCard's, else the name it was shared under) and numbers. */
  private static String card(JsonNode card) {
    String vcard = JsonFields.text(card.get("vcard"));
    String name = null;
    List<String> phones = new ArrayList<>();
    if (vcard != null) {
      for (String line : unfolded(vcard)) {
        String property = property(line);
        String value = value(line);
        if (value == null) {
          continue;
        }
        if (name == null && property.equals("FN")) {
          name = flat(value, MAX_NAME_CHARS);
        } else if (property.equals("TEL") && phones.size() < MAX_PHONES) {
          String phone = flat(value, MAX_PHONE_CHARS);
          if (phone != null && phone.chars().anyMatch(Character::isDigit)) {
            phones.add(phone);
          }
        }
      }
    }
    if (name == null) {
      name = flat(JsonFields.text(card.get("displayName")), MAX_NAME_CHARS);
    }
    List<String> said = new ArrayList<>();
    said.add(name == null ? "no name" : name);
    said.addAll(phones);
    return String.join(", ", said);
  }

  /** The vCard's lines, a folded line (continued on a line starting with a space) made one. */
  private static List<String> unfolded(String vcard) {
    String start = vcard.length() > MAX_VCARD_CHARS ? vcard.substring(0, MAX_VCARD_CHARS) : vcard;
    List<String> lines = new ArrayList<>();
    for (String line : start.split("\r?\n")) {
      if (!lines.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
      } else {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * A line's property name, without its group and parameters: {@code item1.TEL;waid=5511…} is
   * {@code TEL}, as WhatsApp writes a number.
   */
  private static String property(String line) {
    int colon = line.indexOf(':');
    String name = colon < 0 ? line : line.substring(0, colon);
    int parameters = name.indexOf(';');
    if (parameters >= 0) {
      name = name.substring(0, parameters);
    }
    int group = name.lastIndexOf('.');
    return name.substring(group + 1).strip().toUpperCase(Locale.ROOT);
  }

  /** A line's value, vCard escapes undone; null when it has none. */
  private static String value(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return null;
    }
    return line.substring(colon + 1)
        .replace("\\n", " ")
        .replace("\\N", " ")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\");
  }

  /**
   * {@code [location: Clínica Sorriso, Av. Paulista 1000 (-23.561414, -46.655881)]} for a place in
   * {@code message}, with what the patient wrote with it after; null when it shares none.
   */
  static String location(JsonNode message) {
    JsonNode place = message.get("locationMessage");
    boolean live = false;
    if (place == null || !place.isObject()) {
      place = message.get("liveLocationMessage");
      live = true;
    }
    if (place == null || !place.isObject()) {
      return null;
    }
    List<String> said = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (String field : new String[] {"name", "address"}) {
      String text = flat(JsonFields.text(place.get(field)), MAX_NAME_CHARS);
      if (text != null) {
        named.add(text);
      }
    }
    if (!named.isEmpty()) {
      said.add(String.join(", ", named));
    }
    String coordinates = coordinates(place);
    if (coordinates != null) {
      said.add(coordinates);
    }
    String note = JsonFields.text(place.get(live ? "caption" : "comment"));
    return (live ? "[live location: " : "[location: ")
        + (said.isEmpty() ? "no details" : String.join(" ", said))
        + "]"
        + (note == null ? "" : " " + note);
  }

  /** {@code (-23.561414, -46.655881)}, six decimals (~10 cm); null when not both are numbers. */
  private static String coordinates(JsonNode place) {
    JsonNode latitude = place.get("degreesLatitude");
    JsonNode longitude = place.get("degreesLongitude");
    if (latitude == null
        || longitude == null
        || !latitude.isNumber()
        || !longitude.isNumber()
        || Math.abs(latitude.asDouble()) > 90
        || Math.abs(longitude.asDouble()) > 180) {
      return null;
    }
    return "(" + degrees(latitude) + ", " + degrees(longitude) + ")";
  }

  private static String degrees(JsonNode value) {
    return value
        .decimalValue()
        .setScale(6, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * {@code text} on one line and cut to {@code max}, without the brackets that would end the note
   * early; null when nothing is left.
   */
  static String flat(String text, int max) {
    String unbracketed = text == null ? "" : text.replaceAll("[\\[\\]]", "").strip();
    return unbracketed.isEmpty() ? null : MessageContext.cut(unbracketed, max);
  }
}
