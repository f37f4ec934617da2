package com.clinicflow.api.webhooks;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring's {@code http.server.requests} observation is not made for the webhooks: {@link
 * WebhookMetrics} already counts and times each one with what an operator needs (channel, clinic,
 * outcome), and the generic observation (URI template matching, five tags, a timer and a long-task
 * timer per request) was about 8 % of the webhook threads' CPU in a profile at 40 msg/s, on the
 * path that must answer within milliseconds (too little for the suite's runs to resolve; see
 * docs/benchmarks.md). The admin API and actuator keep theirs.
 */
@Configuration(proxyBeanMethods = false)
class WebhookObservations {

  static final String WEBHOOKS = "/webhooks/";

  @Bean
  ObservationPredicate noServerObservationForWebhooks() {
    return (name, context) ->
        !(context instanceof ServerRequestObservationContext request
            && request.getCarrier().getRequestURI().startsWith(WEBHOOKS));
  }
}
