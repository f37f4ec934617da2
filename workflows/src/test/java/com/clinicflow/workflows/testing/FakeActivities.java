package com.clinicflow.workflows.testing;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.ToolActivities;
import com.clinicflow.workflows.agent.ToolCatalog;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.conversation.Memory;
import com.clinicflow.workflows.conversation.MemoryRequest;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.TelegramActivities;
import com.clinicflow.workflows.messaging.TelegramMessage;
import com.clinicflow.workflows.messaging.TelegramReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.staff.StaffAlertActivities;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.QuotaRequest;
import com.clinicflow.workflows.tenant.QuotaUsage;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantMatch;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import com.clinicflow.workflows.tenant.TurnCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * In-memory activities that record what the workflows asked for, so workflow tests read like
 * specifications: "one LLM call holding all three messages", "exactly one reply sent".
 */
public final class FakeActivities {

  public final Tenants tenants = new Tenants();
  public final Conversations conversations = new Conversations();
  public final Llm llm = new Llm();
  public final Tools tools = new Tools();
  public final WhatsApp whatsApp = new WhatsApp(tenants);
  public final Telegram telegram = new Telegram();
  public final Alerts alerts = new Alerts();

  public Object[] all() {
    return new Object[] {tenants, conversations, llm, tools, whatsApp, telegram, alerts};
  }

  public static TenantConfig clinic(String tenantId, String instance, long chatId) {
    return new TenantConfig(
        tenantId,
        "Clinic " + tenantId,
        instance,
        "cal-" + tenantId,
        "tasks-" + tenantId,
        null,
        chatId,
        "You are the assistant of clinic " + tenantId + ".",
        "You help the staff.",
        "Remind the patient.",
        Map.of("mon", new TenantConfig.OpeningHours("08:00", "18:00")),
        Map.of("address", "Rua A, 1"),
        "America/Sao_Paulo",
        "pt-BR",
        true,
        100,
        0,
        Instant.parse("2026-11-01T03:00:00Z"),
        "FALLBACK " + tenantId,
        "QUOTA " + tenantId,
        null,
        null,
        null);
  }

  /** Tenant store: a fixed set of clinics, a quota counter, and the activity log. */
  public static final class Tenants implements TenantStoreActivities {
    public final List<TenantConfig> clinics = new CopyOnWriteArrayList<>();
    public final Set<Long> adminChats = Collections.synchronizedSet(new HashSet<>());
    public final List<ActivityLogEntry> log = new CopyOnWriteArrayList<>();
    public final AtomicInteger counted = new AtomicInteger();
    public volatile int limit = Integer.MAX_VALUE;

    /** Every count asked for, repeats included. */
    public final List<QuotaRequest> quotaRequests = new CopyOnWriteArrayList<>();

    private final Map<String, QuotaUsage> countedTurns = new HashMap<>();

    @Override
    public TenantMatch findTenant(TenantLookup lookup) {
      boolean admin = lookup.chatId() != null && adminChats.contains(lookup.chatId());
      for (TenantConfig c : clinics) {
        boolean matches =
            switch (lookup.channel()) {
              case WHATSAPP -> c.evolutionInstanceName().equals(lookup.instanceName());
              case TELEGRAM ->
                  admin && lookup.requestedTenantId() != null
                      ? c.tenantId().equals(lookup.requestedTenantId())
                      : lookup.chatId().equals(c.telegramInternalChatId());
            };
        if (matches) {
          return new TenantMatch(c, admin);
        }
      }
      return new TenantMatch(null, admin);
    }

    /** Like the database: a turn key is counted once, and a repeat gets the first answer. */
    @Override
    public synchronized QuotaUsage countMessage(QuotaRequest request) {
      quotaRequests.add(request);
      if (request.turnKey() == null) {
        return count();
      }
      return countedTurns.computeIfAbsent(
          request.tenantId() + "/" + request.turnKey(), k -> count());
    }

    /** Like the store: the lookup, and the count when the lookup says so. */
    @Override
    public TenantMatch admitTurn(TenantLookup lookup) {
      return lookup.admitThrough(this);
    }

    /** Runs at the start of every count of a turn (a test may hold it there). */
    public volatile Runnable beforeCount = () -> {};

    /** Like the database: counted and logged once per turn key. */
    @Override
    public QuotaUsage countTurn(TurnCount count) {
      beforeCount.run();
      return countOnce(count);
    }

    private synchronized QuotaUsage countOnce(TurnCount count) {
      quotaRequests.add(new QuotaRequest(count.tenantId(), count.turnKey()));
      return countedTurns.computeIfAbsent(
          count.tenantId() + "/" + count.turnKey(),
          k -> {
            QuotaUsage usage = count();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("count", usage.count());
            details.put("limit", usage.limit());
            details.put("channel", count.channel());
            log.add(
                new ActivityLogEntry(
                    count.tenantId(),
                    usage.accepted() ? "message_received" : "quota_exceeded",
                    details,
                    count.workflowId()));
            return usage;
          });
    }

    private QuotaUsage count() {
      int before = counted.get();
      if (before >= limit) {
        return new QuotaUsage(false, before, limit, Instant.parse("2026-11-01T03:00:00Z"));
      }
      int now = counted.incrementAndGet();
      return new QuotaUsage(true, now, limit, Instant.parse("2026-11-01T03:00:00Z"));
    }

    @Override
    public void recordActivity(ActivityLogEntry entry) {
      log.add(entry);
    }

    public List<String> events() {
      return log.stream().map(ActivityLogEntry::eventType).toList();
    }
  }

  /** Transcript per conversation, with the real store's whole-turn memory window. */
  public static final class Conversations implements ConversationStoreActivities {
    public final List<TurnRecord> turns = new CopyOnWriteArrayList<>();
    public final List<StatusChange> statuses = new CopyOnWriteArrayList<>();

    /** Runs at the start of every save, before the turn is stored (a test may hold it there). */
    public volatile Runnable beforeSave = () -> {};

    /** Opens at the first memory load. */
    public final CountDownLatch memoryAsked = new CountDownLatch(1);

    @Override
    public synchronized Memory loadMemory(MemoryRequest request) {
      memoryAsked.countDown();
      List<ChatMessage> all = new ArrayList<>();
      for (TurnRecord t : turns) {
        if (t.tenantId().equals(request.tenantId()) && t.contact().equals(request.contact())) {
          all.addAll(t.messages());
        }
      }
      int from = Math.max(0, all.size() - request.window());
      return new Memory(List.copyOf(all.subList(from, all.size())));
    }

    @Override
    public void saveTurn(TurnRecord turn) {
      beforeSave.run();
      store(turn);
    }

    private synchronized void store(TurnRecord turn) {
      boolean known =
          turns.stream()
              .anyMatch(
                  t ->
                      t.turnKey().equals(turn.turnKey())
                          && t.tenantId().equals(turn.tenantId())
                          && t.contact().equals(turn.contact()));
      if (!known) {
        turns.add(turn);
      }
    }

    @Override
    public void changeStatus(StatusChange change) {
      statuses.add(change);
    }
  }

  /** An LLM whose answers the test scripts; records every request. */
  public static final class Llm implements LlmActivities {
    public final List<LlmRequest> requests = new CopyOnWriteArrayList<>();
    public volatile Function<LlmRequest, LlmReply> answer =
        r -> reply("Olá! Resposta " + (requests.size()));

    @Override
    public LlmReply generate(LlmRequest request) {
      requests.add(request);
      return answer.apply(request);
    }

    /**
     * Fails the first {@code times} calls with {@code failure}, then answers {@code text}.
     *
     * @return the count of calls so far
     */
    public AtomicInteger failFirst(int times, Supplier<RuntimeException> failure, String text) {
      AtomicInteger calls = new AtomicInteger();
      answer =
          r -> {
            if (calls.incrementAndGet() <= times) {
              throw failure.get();
            }
            return reply(text);
          };
      return calls;
    }

    public static LlmReply reply(String text) {
      return new LlmReply(ChatMessage.modelText(text), text, List.of(), 10, 5);
    }
  }

  /** One tool, {@code echo}, that answers with its arguments. */
  public static final class Tools implements ToolActivities {
    public final List<ToolInvocation> invocations = new CopyOnWriteArrayList<>();
    public final List<ToolScope> catalogScopes = new CopyOnWriteArrayList<>();

    @Override
    public ToolCatalog catalog(ToolScope scope) {
      catalogScopes.add(scope);
      return new ToolCatalog(
          List.of(
              new ToolSpec(
                  "echo",
                  "Echoes its arguments",
                  Map.of("type", "object", "properties", Map.of()))));
    }

    @Override
    public ToolResult invoke(ToolInvocation invocation) {
      invocations.add(invocation);
      return new ToolResult(
          invocation.call().id(),
          invocation.call().name(),
          Map.of("echo", invocation.call().args()));
    }
  }

  /**
   * Records sends; a key sent twice is sent once, like the real outbound ledger, which also writes
   * a message's log line with its first send.
   */
  public static final class WhatsApp implements WhatsAppActivities {
    public final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final Tenants log;

    WhatsApp(Tenants log) {
      this.log = log;
    }

    /** The key of every call, repeats and failed attempts included. */
    public final List<String> attempts = new CopyOnWriteArrayList<>();

    /** Calls still to fail (with a retryable failure) before sends go through. */
    public final AtomicInteger failures = new AtomicInteger();

    /** Open once a message has been sent. */
    public final CountDownLatch firstSent = new CountDownLatch(1);

    private final Set<String> keys = Collections.synchronizedSet(new HashSet<>());

    @Override
    public SendReceipt sendText(OutboundMessage message) {
      attempts.add(message.idempotencyKey());
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("simulated Evolution 500");
      }
      if (!keys.add(message.idempotencyKey())) {
        return new SendReceipt("id-" + message.idempotencyKey(), true, false);
      }
      sent.add(message);
      if (message.logLine() != null) {
        log.recordActivity(message.logLine());
      }
      firstSent.countDown();
      return new SendReceipt("id-" + message.idempotencyKey(), false, false);
    }

    public List<String> texts() {
      return sent.stream().map(OutboundMessage::text).toList();
    }
  }

  /** Records Telegram sends; a key sent twice is sent once, like the real outbound ledger. */
  public static final class Telegram implements TelegramActivities {
    public final List<TelegramMessage> sent = new CopyOnWriteArrayList<>();
    private final Set<String> keys = Collections.synchronizedSet(new HashSet<>());

    /** When set, each send waits for it first, as behind Telegram's rate limit. */
    public volatile java.util.concurrent.CountDownLatch gate;

    /** Sends waiting at the gate now. */
    public final java.util.concurrent.atomic.AtomicInteger atGate =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public TelegramReceipt sendMessage(TelegramMessage message) {
      java.util.concurrent.CountDownLatch waitFor = gate;
      if (waitFor != null) {
        atGate.incrementAndGet();
        try {
          waitFor.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          atGate.decrementAndGet();
        }
      }
      if (!keys.add(message.idempotencyKey())) {
        return new TelegramReceipt(1, true, false);
      }
      sent.add(message);
      return new TelegramReceipt(1, false, false);
    }

    public List<TelegramMessage> to(long chatId) {
      return sent.stream().filter(m -> m.chatId() == chatId).toList();
    }
  }

  /** Records raised alerts and hands each to {@link #forward} (the harness delivers them). */
  public static final class Alerts implements StaffAlertActivities {
    public final List<StaffAlert> raised = new CopyOnWriteArrayList<>();
    public volatile Consumer<StaffAlert> forward = a -> {};

    @Override
    public void raise(StaffAlert alert) {
      raised.add(alert);
      forward.accept(alert);
    }
  }
}
