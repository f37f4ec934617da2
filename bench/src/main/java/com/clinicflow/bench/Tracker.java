package com.clinicflow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every message the harness sends, and what became of it. The patient's text carries a marker
 * {@code #m<id>}; the fake Gemini echoes the markers of the turn it answers and the fake Evolution
 * finds them in the reply it is asked to send, so each send is attributed to the messages it
 * answers without trusting anything the application says about itself.
 */
final class Tracker {

  static final Pattern MARKER = Pattern.compile("#m(\\d+)");

  /** One patient message. Times are {@link System#nanoTime()} of this JVM. */
  static final class Message {
    final long id;
    final String tenantId;
    final String instance;
    final String phone;
    final long intendedNanos;
    volatile long ackNanos;
    volatile int ackStatus;
    volatile long firstReplyNanos;
    final AtomicInteger replies = new AtomicInteger();

    /** Delay the fake Gemini applied on the call that answered this message, in ms. */
    volatile long geminiDelayMillis = -1;

    /** When the call that answered this message reached the fake Gemini, and when it answered. */
    volatile long geminiCalledNanos;

    volatile long geminiAnsweredNanos;

    Message(long id, String tenantId, String instance, String phone, long intendedNanos) {
      this.id = id;
      this.tenantId = tenantId;
      this.instance = instance;
      this.phone = phone;
      this.intendedNanos = intendedNanos;
    }

    /** Answered, and the fake Gemini recorded the call that answered it. */
    boolean modelled() {
      return replies.get() > 0 && geminiDelayMillis >= 0;
    }

    long endToEndNanos() {
      return firstReplyNanos - intendedNanos;
    }

    /**
     * The engine's part of the turn: end to end minus the model's delay and the deliberate wait
     * (the debounce window); only when {@link #modelled()}.
     */
    long overheadNanos(long deliberateWaitMillis) {
      return endToEndNanos() - (geminiDelayMillis + deliberateWaitMillis) * 1_000_000L;
    }

    /** The overhead before the model's call: webhook, signal, timer, checks, loads, dispatch. */
    long beforeModelNanos(long deliberateWaitMillis) {
      return geminiCalledNanos - intendedNanos - deliberateWaitMillis * 1_000_000L;
    }

    /** The overhead after the model's answer: parsing, completion, transcript, reply. */
    long afterModelNanos() {
      return firstReplyNanos - geminiAnsweredNanos;
    }

    String text() {
      return "Bom dia, queria marcar uma consulta para a semana que vem, de manha se possivel. #m"
          + id;
    }

    String providerMessageId() {
      return String.format("3EB0BENCH%014X", id);
    }
  }

  private static final AtomicLong ids = new AtomicLong(1_000);

  private final Map<Long, Message> messages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> unmarkedSendsByPhone = new ConcurrentHashMap<>();
  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong replyEvents = new AtomicLong();

  Message newMessage(String tenantId, String instance, String phone, long intendedNanos) {
    Message m = new Message(ids.incrementAndGet(), tenantId, instance, phone, intendedNanos);
    messages.put(m.id, m);
    return m;
  }

  Message get(long id) {
    return messages.get(id);
  }

  Collection<Message> all() {
    return messages.values();
  }

  static List<Long> markers(String text) {
    List<Long> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      found.add(Long.parseLong(m.group(1)));
    }
    return found;
  }

  /** Called by the fake Evolution for every sendText it receives. */
  void sendReceived(String number, String text, long nowNanos) {
    sends.incrementAndGet();
    List<Long> ids = markers(text);
    if (ids.isEmpty()) {
      unmarkedSendsByPhone
          .computeIfAbsent(number == null ? "?" : number, k -> new AtomicInteger())
          .incrementAndGet();
      return;
    }
    for (long id : ids) {
      Message m = messages.get(id);
      if (m == null) {
        continue;
      }
      if (m.replies.incrementAndGet() == 1) {
        m.firstReplyNanos = nowNanos;
        replyEvents.incrementAndGet();
      }
    }
  }

  /** Called by the fake Gemini when it answers a turn successfully. */
  void geminiAnswered(List<Long> ids, long delayMillis, long calledNanos, long answeredNanos) {
    for (long id : ids) {
      Message m = messages.get(id);
      if (m != null) {
        m.geminiDelayMillis = delayMillis;
        m.geminiCalledNanos = calledNanos;
        m.geminiAnsweredNanos = answeredNanos;
      }
    }
  }

  long sends() {
    return sends.get();
  }

  /** Messages answered at least once, all runs together. */
  long answered() {
    return replyEvents.get();
  }

  int unmarkedSends(String phone) {
    AtomicInteger n = unmarkedSendsByPhone.get(phone);
    return n == null ? 0 : n.get();
  }

  long unmarkedSendsTotal() {
    return unmarkedSendsByPhone.values().stream().mapToLong(AtomicInteger::get).sum();
  }
}
