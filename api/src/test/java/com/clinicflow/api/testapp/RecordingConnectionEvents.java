package com.clinicflow.api.testapp;

import com.clinicflow.api.webhooks.ConnectionEvents;
import java.util.ArrayList;
import java.util.List;

/** {@link ConnectionEvents} that records what it is told. */
public class RecordingConnectionEvents implements ConnectionEvents {

  /** One call. */
  public record Change(String tenantId, String instance, String state, Integer statusReason) {}

  private final List<Change> changes = new ArrayList<>();

  public synchronized void reset() {
    changes.clear();
  }

  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  @Override
  public synchronized void connectionChanged(
      String tenantId, String instance, String state, Integer statusReason) {
    changes.add(new Change(tenantId, instance, state, statusReason));
  }
}
