package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How a conversation behaves, from {@code clinicflow.conversation.*}. Passed in when the workflow
 * starts (and carried through continue-as-new), so a run's behaviour is visible in its history and
 * never changes under it.
 *
 * @param debounce quiet time that closes a burst of messages into one turn
 * @param maxBurstWait a burst never waits longer than this for quiet
 * @param memoryWindow messages of memory sent to the LLM
 * @param handoffPause bot pause after staff wrote from the clinic's phone
 * @param idleTimeout the workflow completes after this long without messages
 * @param turnsPerRun continue-as-new after this many turns, to keep history small
 * @param maxToolRounds tool rounds the agent may take in one turn
 */
public record ConversationSettings(
    @JsonProperty("debounce") Duration debounce,
    @JsonProperty("max_burst_wait") Duration maxBurstWait,
    @JsonProperty("memory_window") int memoryWindow,
    @JsonProperty("handoff_pause") Duration handoffPause,
    @JsonProperty("idle_timeout") Duration idleTimeout,
    @JsonProperty("turns_per_run") int turnsPerRun,
    @JsonProperty("max_tool_rounds") int maxToolRounds) {

  public static ConversationSettings defaults() {
    return new ConversationSettings(
        Duration.ofSeconds(3),
        Duration.ofSeconds(15),
        20,
        Duration.ofHours(2),
        Duration.ofHours(24),
        50,
        5);
  }
}
