package com.clinicflow.bench;

import com.clinicflow.activities.gemini.GeminiLlmActivities;
import com.clinicflow.activities.gemini.GeminiProperties;
import com.clinicflow.activities.secrets.JdbcTenantSecrets;
import com.clinicflow.activities.store.ActivityLogRepository;
import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationStoreActivitiesImpl;
import com.clinicflow.activities.store.InboundLedgerRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.store.TenantStoreActivitiesImpl;
import com.clinicflow.activities.tools.ToolActivitiesImpl;
import com.clinicflow.activities.whatsapp.EvolutionMediaFetcher;
import com.clinicflow.activities.whatsapp.EvolutionProperties;
import com.clinicflow.activities.whatsapp.EvolutionWhatsAppActivities;
import com.clinicflow.activities.whatsapp.WhatsAppConfiguration;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.conversation.MemoryRequest;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.patient.BaselineAccess;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The same turn without Temporal: the real activity implementations (same adapters, same SQL, same
 * HTTP clients) called in sequence on a thread per message, against the application's own
 * PostgreSQL and the same fakes, in the order the workflow calls them: the webhook's inbound ledger
 * claim and mark, the clinic checks (find and count, with the count's log line), memory, Gemini
 * (which looks the tools up), save and send (with the send's log line). No HTTP ingress, no
 * debounce, no serialisation, no engine.
 */
final class Baseline implements LoadStep.Target, AutoCloseable {

  private final HikariDataSource dataSource;
  private final CachedTenants tenants;
  private final TenantStoreActivitiesImpl tenantStore;
  private final ConversationStoreActivitiesImpl conversations;
  private final InboundLedgerRepository ledger;
  private final ToolActivitiesImpl tools;
  private final GeminiLlmActivities llm;
  private final EvolutionWhatsAppActivities whatsApp;
  private final ExecutorService turns = Executors.newFixedThreadPool(400, Bench.daemon("baseline"));
  final AtomicInteger failures = new AtomicInteger();

  /** As the app wires them: see StoreConfiguration, LlmConfiguration, WhatsAppConfiguration. */
  Baseline(String jdbcUrl, String geminiBaseUrl, String evolutionBaseUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setPoolName("baseline");
    config.setMaximumPoolSize(20); // as the app's embedded pool
    dataSource = new HikariDataSource(config);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TenantRepository tenantRepository = new TenantRepository(jdbc);
    tenants = new CachedTenants(tenantRepository, dataSource, Duration.ofSeconds(10), meters);
    tenants.start();
    tenantStore =
        new TenantStoreActivitiesImpl(
            tenants, tenantRepository, new ActivityLogRepository(jdbc), Set.of());
    conversations =
        new ConversationStoreActivitiesImpl(
            new ConversationRepository(
                jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource))));
    ledger = new InboundLedgerRepository(jdbc);
    tools = new ToolActivitiesImpl(List.of(), meters);
    JdbcTenantSecrets secrets = new JdbcTenantSecrets(jdbc, null); // no master key, as the app run
    EvolutionProperties evolution =
        new EvolutionProperties(evolutionBaseUrl, "bench-evolution-key", null, null, null, null, 0);
    OkHttpClient http = WhatsAppConfiguration.newHttpClient();
    llm =
        new GeminiLlmActivities(
            GeminiProperties.of(geminiBaseUrl + "/", "bench-gemini-key"),
            secrets,
            new EvolutionMediaFetcher(evolution, http, secrets),
            tools,
            meters);
    whatsApp = new EvolutionWhatsAppActivities(evolution, http, jdbc, secrets, meters);
  }

  @Override
  public void fire(Tracker.Message m, LoadStep.Recorder recorder) {
    turns.execute(
        () -> {
          try {
            turn(m);
          } catch (RuntimeException e) {
            failures.incrementAndGet();
            Bench.log("baseline turn failed: %s", e);
          }
        });
  }

  @Override
  public long deliberateWaitMillis() {
    return 0;
  }

  private void turn(Tracker.Message m) {
    String workflowId = ConversationKey.workflowId(m.tenantId, m.phone);
    String displayName = "Paciente " + m.phone.substring(m.phone.length() - 4);
    // The webhook's database work.
    ledger.claim(m.tenantId, "WHATSAPP", m.providerMessageId(), workflowId);
    ledger.markSignalled(m.tenantId, "WHATSAPP", m.providerMessageId());
    // The clinic checks; the turn's key also names its quota count, transcript and reply.
    String turnKey = UUID.randomUUID().toString();
    // One call finds the clinic and counts the turn, whose count writes the turn's
    // message_received line too (V10), as in the conversation.
    TenantConfig config =
        tenantStore.admitTurn(TenantLookup.whatsApp(m.instance, workflowId, turnKey)).config();
    // PatientHandler.converse and AgentLoop.run.
    List<ChatMessage> memory =
        conversations.loadMemory(new MemoryRequest(m.tenantId, m.phone, 20)).messages();
    String instruction = BaselineAccess.patientInstruction(config, Instant.now(), displayName);
    ChatMessage patient = new ChatMessage(ChatRole.USER, List.of(ChatPart.text(m.text())));
    List<ChatMessage> history = new ArrayList<>(memory);
    history.add(patient);
    // The model's call names the patient audience; the LLM adapter looks the tools up (0019).
    LlmReply reply =
        llm.generate(
            LlmRequest.offering(m.tenantId, instruction, history, ToolScope.Audience.PATIENT));
    conversations.saveTurn(
        new TurnRecord(
            m.tenantId,
            m.phone,
            workflowId,
            turnKey,
            displayName,
            List.of(patient, reply.message()),
            true));
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("turn_key", turnKey);
    sent.put("messages", 1);
    sent.put("tool_rounds", 0);
    // The send writes the turn's reply_sent line with its SENT mark, as in the conversation.
    whatsApp.sendText(
        new OutboundMessage(
                turnKey + ":reply", m.tenantId, m.instance, m.phone, reply.text().strip())
            .loggedAs(new ActivityLogEntry(m.tenantId, "reply_sent", sent, workflowId)));
  }

  @Override
  public void close() {
    turns.shutdownNow();
    tenants.close();
    llm.close();
    dataSource.close();
  }
}
