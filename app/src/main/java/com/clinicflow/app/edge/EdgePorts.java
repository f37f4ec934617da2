package com.clinicflow.app.edge;

import com.clinicflow.activities.secrets.JdbcTenantSecrets;
import com.clinicflow.activities.staff.StaffAlertRaiser;
import com.clinicflow.activities.store.ActivityLogRepository;
import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ContactIdentityRepository;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.InboundLedgerRepository;
import com.clinicflow.activities.store.PatientErasure;
import com.clinicflow.activities.store.QuotaRepository;
import com.clinicflow.activities.store.TenantHealthRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.telegram.TelegramUpdateLedger;
import com.clinicflow.api.conversations.ConversationRecords;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.api.tenants.TenantInsights;
import com.clinicflow.api.tenants.TenantSecretStore;
import com.clinicflow.api.webhooks.ConnectionEvents;
import com.clinicflow.api.webhooks.ContactDirectory;
import com.clinicflow.api.webhooks.InboundLedger;
import com.clinicflow.api.webhooks.StaffChatDirectory;
import com.clinicflow.api.webhooks.TaskQueueProperties;
import com.clinicflow.api.webhooks.TelegramUpdates;
import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's ports, implemented with the repositories of {@code activities.store} (see
 * docs/decisions/0001-api-ports-implemented-in-app.md).
 *
 * <p>Conditional on the {@code api} role itself, not only imported by it: component scanning
 * registers this class directly, and in a process without the API (a lone {@code temporal} or
 * {@code worker} process) its repositories may not exist.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
public class EdgePorts {

  @Bean
  TenantDirectory tenantDirectory(TenantRepository repository, CachedTenants cache) {
    return new StoreTenantDirectory(repository, cache);
  }

  @Bean
  TenantInsights tenantInsights(
      QuotaRepository quotas,
      TenantHealthRepository health,
      ConversationRepository conversations,
      ActivityLogRepository activityLog) {
    return new StoreTenantInsights(quotas, health, conversations, activityLog);
  }

  @Bean
  ConversationRecords conversationRecords(
      ConversationRepository conversations, PatientErasure erasure) {
    return new StoreConversationRecords(conversations, erasure);
  }

  @Bean
  TenantSecretStore tenantSecretStore(JdbcTenantSecrets secrets) {
    return new StoreTenantSecrets(secrets);
  }

  @Bean
  InboundLedger inboundLedger(InboundLedgerRepository ledger) {
    return new InboundLedger() {
      @Override
      public boolean claim(String tenantId, String channel, String messageId, String workflowId) {
        return ledger.claim(tenantId, channel, messageId, workflowId);
      }

      @Override
      public void markSignalled(String tenantId, String channel, String messageId) {
        ledger.markSignalled(tenantId, channel, messageId);
      }

      @Override
      public boolean isSignalled(String tenantId, String channel, String messageId) {
        return ledger.isSignalled(tenantId, channel, messageId);
      }

      @Override
      public void release(String tenantId, String channel, String messageId) {
        ledger.release(tenantId, channel, messageId);
      }
    };
  }

  @Bean
  ContactDirectory contactDirectory(ContactIdentityRepository identities) {
    return new ContactDirectory() {
      @Override
      public Optional<String> phoneForLid(String tenantId, String lid) {
        return identities.phoneForLid(tenantId, lid);
      }

      @Override
      public boolean learn(String tenantId, String lid, String phone) {
        return identities.learn(tenantId, lid, phone);
      }
    };
  }

  /**
   * WhatsApp connection changes go to the clinic's activity log and, as an alert, to the clinic's
   * staff chat: its assistant announces a disconnect once and the reconnection once. A raiser that
   * cannot reach Temporal throws, and the webhook answers 503 so Evolution delivers it again.
   */
  @Bean
  ConnectionEvents connectionEvents(
      ActivityLogRepository activityLog,
      CachedTenants tenants,
      WorkflowClient client,
      TaskQueueProperties taskQueue) {
    // Not a bean: the worker registers its own StaffAlertActivities, and two would be ambiguous.
    StaffAlertRaiser alerts = new StaffAlertRaiser(client, taskQueue.taskQueue(), tenants);
    return (tenantId, instance, state, statusReason) -> {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("instance", instance);
      details.put("state", state);
      details.put("status_reason", statusReason);
      activityLog.insert(new ActivityLogEntry(tenantId, "whatsapp_connection", details, null));
      alerts.raise(StaffAlert.connection(tenantId, instance, state));
    };
  }

  /** The clinic whose staff chat a Telegram chat is, and which ids are clinics' (cached). */
  @Bean
  StaffChatDirectory staffChatDirectory(CachedTenants tenants) {
    return new StaffChatDirectory() {
      @Override
      public Optional<String> tenantForChat(long chatId) {
        return tenants.findByTelegramChat(chatId).map(TenantConfig::tenantId);
      }

      @Override
      public boolean isClinic(String tenantId) {
        return tenants.findById(tenantId).isPresent();
      }
    };
  }

  @Bean
  TelegramUpdates telegramUpdates(TelegramUpdateLedger ledger) {
    return new TelegramUpdates() {
      @Override
      public boolean claim(long updateId, long chatId, String workflowId) {
        return ledger.claim(updateId, chatId, workflowId);
      }

      @Override
      public void release(long updateId) {
        ledger.release(updateId);
      }
    };
  }
}
