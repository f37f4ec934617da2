package com.clinicflow.app.roles;

import com.clinicflow.activities.telegram.TelegramConfiguration;
import com.clinicflow.api.ApiConfiguration;
import com.clinicflow.app.edge.EdgePorts;
import com.clinicflow.worker.TemporalClientConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The {@code api} role: webhooks and admin API, reaching Temporal as a client only. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
@Import({
  DataRole.class,
  TemporalClientConfiguration.class,
  ApiConfiguration.class,
  TelegramConfiguration.class,
  EdgePorts.class
})
class ApiRole {}
