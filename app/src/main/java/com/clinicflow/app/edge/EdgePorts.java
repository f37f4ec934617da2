package com.clinicflow.app.edge;

import com.clinicflow.activities.store.ActivityLogRepository;
import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ContactIdentityRepository;
import com.clinicflow.activities.store.InboundLedgerRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.api.webhooks.ConnectionEvents;
import com.clinicflow.api.webhooks.ContactDirectory;
import com.clinicflow.api.webhooks.InboundLedger;
import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's ports, implemented with the repositories of {@code activities.store} (see
 * docs/decisions/0001-api-ports-implemented-in-app.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API) // the component scan finds it too: not in a lone temporal or worker
public class EdgePorts {

  @Bean
  TenantDirectory tenantDirectory(TenantRepository repository, CachedTenants cache) {
    return new StoreTenantDirectory(repository, cache);
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
      public void learn(String tenantId, String lid, String phone) {
        identities.learn(tenantId, lid, phone);
      }
    };
  }

  /** WhatsApp connection changes go to the clinic's activity log (alerts come with issue 5). */
  @Bean
  ConnectionEvents connectionEvents(ActivityLogRepository activityLog) {
    return (tenantId, instance, state, statusReason) -> {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("instance", instance);
      details.put("state", state);
      details.put("status_reason", statusReason);
      activityLog.insert(new ActivityLogEntry(tenantId, "whatsapp_connection", details, null));
    };
  }
}
