package com.clinicflow.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of {@code clinicflow.temporal.*} the API needs: the task queue conversations are started
 * on. The worker binds the rest of that prefix (address, namespace…) itself.
 *
 * @param taskQueue default {@code clinicflow}
 */
@ConfigurationProperties(prefix = "clinicflow.temporal")
public record TaskQueueProperties(String taskQueue) {

  public static final String DEFAULT_TASK_QUEUE = "clinicflow";

  public TaskQueueProperties {
    taskQueue = taskQueue == null || taskQueue.isBlank() ? DEFAULT_TASK_QUEUE : taskQueue;
  }
}
