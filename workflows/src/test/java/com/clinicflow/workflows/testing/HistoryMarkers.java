package com.clinicflow.workflows.testing;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import java.util.List;

/** The markers of a history, by what they record: version markers and local activities. */
public final class HistoryMarkers {

  private HistoryMarkers() {}

  /** The change ids of the history's version markers, in order. */
  public static List<String> versions(List<HistoryEvent> events) {
    return details(events, "Version", "changeId");
  }

  /** Local activities are markers named "LocalActivity" whose "type" detail is the activity. */
  public static List<String> localActivities(List<HistoryEvent> events) {
    return details(events, "LocalActivity", "type");
  }

  private static List<String> details(List<HistoryEvent> events, String marker, String detail) {
    return events.stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(m -> m.getMarkerName().equals(marker))
        .map(m -> firstPayload(m, detail))
        .toList();
  }

  /** The detail's first payload, a JSON string: its text without the quotes. */
  private static String firstPayload(MarkerRecordedEventAttributes marker, String detail) {
    return marker
        .getDetailsOrThrow(detail)
        .getPayloads(0)
        .getData()
        .toStringUtf8()
        .replace("\"", "");
  }
}
