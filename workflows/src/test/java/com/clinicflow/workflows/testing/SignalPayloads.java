package com.clinicflow.workflows.testing;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Rewrites signal payloads of a recorded history, for recorders that must show what a worker of an
 * older release recorded when a newer API sent it something the test environment's strict JSON
 * would refuse to send (a field or a value the older release read tolerantly).
 */
public final class SignalPayloads {

  private SignalPayloads() {}

  /**
   * {@code history} with the JSON of each signal that {@code which} picks rewritten by {@code how}.
   */
  public static History rewritten(
      History history, Predicate<String> which, UnaryOperator<String> how) {
    History.Builder patched = history.toBuilder();
    for (HistoryEvent.Builder event : patched.getEventsBuilderList()) {
      if (event.hasWorkflowExecutionSignaledEventAttributes()) {
        Payload.Builder input =
            event
                .getWorkflowExecutionSignaledEventAttributesBuilder()
                .getInputBuilder()
                .getPayloadsBuilder(0);
        String json = input.getData().toStringUtf8();
        if (which.test(json)) {
          input.setData(ByteString.copyFromUtf8(how.apply(json)));
        }
      }
    }
    return patched.build();
  }
}
