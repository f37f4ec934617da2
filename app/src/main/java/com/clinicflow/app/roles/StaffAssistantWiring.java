package com.clinicflow.app.roles;

import com.clinicflow.activities.staff.StaffToolsConfiguration;
import com.clinicflow.activities.tasks.TasksConfiguration;
import com.clinicflow.activities.telegram.TelegramConfiguration;
import com.clinicflow.api.webhooks.ConversationProperties;
import com.clinicflow.worker.TemporalProperties;
import com.clinicflow.workflows.patient.ConversationSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The staff assistant's adapters for the worker: Telegram, Google Tasks, the staff tools and the
 * alert activity. The staff tools start patient conversations themselves (a message or a pause from
 * Telegram), so they get the same {@code clinicflow.conversation.*} settings the webhook gives the
 * conversations it starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(ConversationProperties.class)
@Import({TelegramConfiguration.class, TasksConfiguration.class, StaffToolsConfiguration.class})
class StaffAssistantWiring {

  @Bean
  ConversationSettings conversationSettings(ConversationProperties properties) {
    return properties.toSettings();
  }

  @Bean
  String staffTaskQueue(TemporalProperties temporal) {
    return temporal.taskQueue();
  }
}
