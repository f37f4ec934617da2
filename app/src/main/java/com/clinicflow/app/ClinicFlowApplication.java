package com.clinicflow.app;

import com.clinicflow.app.cli.Cli;
import com.clinicflow.app.runtime.ClinicFlowProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * {@code clinicflow.jar}: runs the roles asked for in {@code clinicflow.roles} (default {@code
 * api,worker}, with embedded PostgreSQL and Temporal when nothing external is configured), or, when
 * the first argument is a CLI command ({@code tenants …}), the admin CLI without Spring.
 */
@SpringBootApplication
@EnableConfigurationProperties(ClinicFlowProperties.class)
public class ClinicFlowApplication {

  public static void main(String[] args) {
    if (Cli.handles(args)) {
      // Before anything of Spring loads: the CLI answers in well under a second.
      System.exit(Cli.run(args));
    }
    try {
      SpringApplication.run(ClinicFlowApplication.class, args);
    } catch (RuntimeException failedStart) {
      // Spring has reported why. Exit, or a library's non-daemon thread keeps the JVM (and its
      // container) up doing nothing instead of failing where a supervisor restarts it.
      System.exit(1);
    }
  }
}
