package com.clinicflow.workflows.staff;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How a staff chat's assistant behaves. Passed in at start and carried through continue-as-new, so
 * a run's behaviour is in its history.
 *
 * @param idleTimeout the workflow completes after this long without updates (never while a clinic's
 *     WhatsApp is known to be down, so that its reconnection is announced)
 * @param refusalInterval a chat of no clinic gets at most one refusal per this interval
 * @param memoryWindow messages of the staff chat's memory sent to the LLM
 * @param maxToolRounds tool rounds the agent may take for one staff message
 * @param turnsPerRun continue-as-new after this many answered messages
 * @param orderWindow how long the first of several updates waits for the others: Telegram may
 *     deliver updates over parallel connections, and they are answered in {@code update_id} order
 */
public record StaffSettings(
    @JsonProperty("idle_timeout") Duration idleTimeout,
    @JsonProperty("refusal_interval") Duration refusalInterval,
    @JsonProperty("memory_window") int memoryWindow,
    @JsonProperty("max_tool_rounds") int maxToolRounds,
    @JsonProperty("turns_per_run") int turnsPerRun,
    @JsonProperty("order_window") Duration orderWindow) {

  public static StaffSettings defaults() {
    return new StaffSettings(
        Duration.ofHours(24), Duration.ofHours(1), 20, 5, 50, Duration.ofSeconds(1));
  }
}
