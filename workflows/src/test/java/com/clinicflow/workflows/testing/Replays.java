package com.clinicflow.workflows.testing;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Replays a recorded history (a test resource under {@code histories/}) against today's workflow
 * code. A failure means a change would break runs already in production: guard it with {@code
 * Workflow.getVersion} (or {@code Changes}) instead of re-recording.
 */
public final class Replays {

  private Replays() {}

  public static void assertReplays(String resource, String workflowId, Class<?> workflow) {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(read(resource), workflowId);
    assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(history, workflow))
        .doesNotThrowAnyException();
  }

  private static String read(String resource) {
    try (InputStream in = Replays.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no such test resource: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
