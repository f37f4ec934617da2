package com.clinicflow.app.runtime;

import com.clinicflow.app.roles.Role;
import com.clinicflow.worker.EmbeddedTemporalServer;
import com.clinicflow.worker.TemporalProperties;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Embedded mode for Temporal: the {@code temporal} role hosts the server; and a process that runs
 * the API or the worker with no {@code clinicflow.temporal.address} hosts one itself, so {@code
 * java -jar clinicflow.jar} needs nothing else.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemporalProperties.class)
public class TemporalRuntimeConfiguration {

  @Bean(destroyMethod = "close")
  @Conditional(HostsTemporal.class)
  EmbeddedTemporalServer embeddedTemporalServer(
      TemporalProperties properties, Environment environment) {
    return EmbeddedTemporalServer.start(properties.embeddedPort(), stickiness(environment));
  }

  /**
   * Sticky queues are safe when this process runs the worker (worker and server die together), and
   * strand conversations when workers in other processes can die alone.
   */
  static EmbeddedTemporalServer.Stickiness stickiness(Environment environment) {
    return Role.of(environment).contains(Role.WORKER)
        ? EmbeddedTemporalServer.Stickiness.ALLOWED
        : EmbeddedTemporalServer.Stickiness.DROPPED;
  }

  static class HostsTemporal implements org.springframework.context.annotation.Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Set<Role> roles = Role.of(context.getEnvironment());
      String address = context.getEnvironment().getProperty("clinicflow.temporal.address", "");
      return roles.contains(Role.TEMPORAL) || (address.isBlank() && Role.needsDatabase(roles));
    }
  }
}
