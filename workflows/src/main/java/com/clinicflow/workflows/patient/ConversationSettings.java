package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

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
 * @param automaticRetries how long a turn that failed on a passing outage (a vendor down or busy)
 *     waits before it is tried again by itself, one wait per attempt, while it also waits for an
 *     operator; empty: only operators retry. Null in settings recorded before it: {@link
 *     #DEFAULT_AUTOMATIC_RETRIES}
 */
public record ConversationSettings(
    @JsonProperty("debounce") Duration debounce,
    @JsonProperty("max_burst_wait") Duration maxBurstWait,
    @JsonProperty("memory_window") int memoryWindow,
    @JsonProperty("handoff_pause") Duration handoffPause,
    @JsonProperty("idle_timeout") Duration idleTimeout,
    @JsonProperty("turns_per_run") int turnsPerRun,
    @JsonProperty("max_tool_rounds") int maxToolRounds,
    @JsonProperty("automatic_retries") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Duration> automaticRetries) {

  /** Five minutes, half an hour, two hours: most outages of Gemini or a gateway end within. */
  public static final List<Duration> DEFAULT_AUTOMATIC_RETRIES =
      List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));

  /** Settings with the default automatic retries. */
  public ConversationSettings(
      Duration debounce,
      Duration maxBurstWait,
      int memoryWindow,
      Duration handoffPause,
      Duration idleTimeout,
      int turnsPerRun,
      int maxToolRounds) {
    this(
        debounce,
        maxBurstWait,
        memoryWindow,
        handoffPause,
        idleTimeout,
        turnsPerRun,
        maxToolRounds,
        DEFAULT_AUTOMATIC_RETRIES);
  }

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

  /** {@link #automaticRetries}, the defaults when these settings were recorded without. */
  public List<Duration> automaticRetriesOrDefault() {
    return automaticRetries == null ? DEFAULT_AUTOMATIC_RETRIES : automaticRetries;
  }
}
