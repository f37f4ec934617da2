package com.clinicflow.api;

import com.clinicflow.api.admin.AdminProperties;
import com.clinicflow.api.codec.CodecProperties;
import com.clinicflow.api.webhooks.ConversationProperties;
import com.clinicflow.api.webhooks.EvolutionWebhookProperties;
import com.clinicflow.api.webhooks.TaskQueueProperties;
import com.clinicflow.api.webhooks.TelegramWebhookProperties;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The HTTP edge of ClinicFlow: admin API ({@code /api/**}), Evolution webhooks ({@code
 * /webhooks/evolution}), the Telegram webhook ({@code /webhooks/telegram}), error bodies and the
 * OpenAPI description. The {@code app} module imports this class when the {@code api} role runs.
 *
 * <p>Beans the importing application must provide:
 *
 * <ul>
 *   <li>{@link com.clinicflow.api.tenants.TenantDirectory} — tenant data (PostgreSQL, cached by
 *       instance name);
 *   <li>{@link com.clinicflow.api.conversations.ConversationRecords} — conversation rows and
 *       transcripts (PostgreSQL);
 *   <li>{@link com.clinicflow.api.webhooks.InboundLedger} — provider message ids taken in;
 *   <li>{@link com.clinicflow.api.webhooks.ContactDirectory} — WhatsApp LID ↔ phone identities;
 *   <li>{@link com.clinicflow.api.webhooks.StaffChatDirectory} — the clinic of a Telegram chat;
 *   <li>{@link com.clinicflow.api.webhooks.TelegramUpdates} — Telegram update ids taken in;
 *   <li>{@link io.temporal.client.WorkflowClient} — to signal-with-start conversations, and to
 *       query, signal and read the history of a conversation's workflow.
 * </ul>
 *
 * Optional: a {@link io.micrometer.core.instrument.MeterRegistry} (webhook metrics) and a {@link
 * com.clinicflow.api.webhooks.ConnectionEvents} (gateway connection changes for the activity log).
 */
@Configuration(proxyBeanMethods = false)
// TypeExcludeFilter is the Spring Boot idiom that lets @SpringBootTest keep test configurations
// living under com.clinicflow.api out of this scan.
@ComponentScan(
    basePackages = "com.clinicflow.api",
    excludeFilters = @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@EnableConfigurationProperties({
  AdminProperties.class,
  EvolutionWebhookProperties.class,
  ConversationProperties.class,
  TaskQueueProperties.class,
  CodecProperties.class,
  TelegramWebhookProperties.class
})
public class ApiConfiguration {}
