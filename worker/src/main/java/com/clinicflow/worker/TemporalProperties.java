package com.clinicflow.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temporal is ({@code clinicflow.temporal.*}).
 *
 * @param address external Temporal frontend {@code host:port}; unset = the embedded server
 * @param embeddedPort port of the embedded Temporal server
 * @param namespace Temporal namespace
 * @param taskQueue the task queue every ClinicFlow workflow and activity runs on
 */
@ConfigurationProperties("clinicflow.temporal")
public record TemporalProperties(
    String address,
    @DefaultValue("7233") int embeddedPort,
    @DefaultValue("default") String namespace,
    @DefaultValue("clinicflow") String taskQueue) {

  public boolean embedded() {
    return address == null || address.isBlank();
  }

  /** The gRPC target clients connect to. */
  public String target() {
    return embedded() ? "127.0.0.1:" + embeddedPort : address;
  }
}
