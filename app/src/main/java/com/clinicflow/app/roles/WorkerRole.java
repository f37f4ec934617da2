package com.clinicflow.app.roles;

import com.clinicflow.activities.calendar.CalendarConfiguration;
import com.clinicflow.activities.gemini.LlmConfiguration;
import com.clinicflow.activities.tools.ToolsConfiguration;
import com.clinicflow.activities.whatsapp.WhatsAppConfiguration;
import com.clinicflow.worker.ConfirmationsConfiguration;
import com.clinicflow.worker.WorkerConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The {@code worker} role: the Temporal worker and every adapter its activities need. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
@Import({
  DataRole.class,
  WorkerConfiguration.class,
  LlmConfiguration.class,
  ToolsConfiguration.class,
  WhatsAppConfiguration.class,
  StaffAssistantWiring.class,
  CalendarConfiguration.class,
  ConfirmationsConfiguration.class
})
class WorkerRole {}
