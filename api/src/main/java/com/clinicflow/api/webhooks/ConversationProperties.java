package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.patient.ConversationSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.conversation.*}: how patient conversations behave. Handed to each conversation
 * when it starts ({@link ConversationSettings}), so a running conversation keeps the settings it
 * started with. Unset values take {@link ConversationSettings#defaults()}.
 */
@ConfigurationProperties(prefix = "clinicflow.conversation")
public record ConversationProperties(
    Duration debounce,
    Duration maxBurstWait,
    Integer memoryWindow,
    Duration handoffPause,
    Duration idleTimeout,
    Integer turnsPerRun,
    Integer maxToolRounds,
    List<Duration> automaticRetries) {

  /** More automatic retries than this are a typo, not a policy. */
  static final int MAX_AUTOMATIC_RETRIES = 10;

  public ConversationProperties {
    ConversationSettings d = ConversationSettings.defaults();
    debounce = debounce == null ? d.debounce() : debounce;
    maxBurstWait = maxBurstWait == null ? d.maxBurstWait() : maxBurstWait;
    memoryWindow = memoryWindow == null ? d.memoryWindow() : memoryWindow;
    handoffPause = handoffPause == null ? d.handoffPause() : handoffPause;
    idleTimeout = idleTimeout == null ? d.idleTimeout() : idleTimeout;
    turnsPerRun = turnsPerRun == null ? d.turnsPerRun() : turnsPerRun;
    maxToolRounds = maxToolRounds == null ? d.maxToolRounds() : maxToolRounds;
    automaticRetries =
        automaticRetries == null ? d.automaticRetries() : List.copyOf(automaticRetries);
    // Fail at start, naming the property, rather than in a workflow at 3 a.m.
    require(!debounce.isNegative(), "debounce must not be negative");
    require(maxBurstWait.compareTo(debounce) >= 0, "max-burst-wait must be at least debounce");
    require(memoryWindow > 0, "memory-window must be positive");
    require(!handoffPause.isNegative(), "handoff-pause must not be negative");
    require(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle-timeout must be positive");
    require(turnsPerRun > 0, "turns-per-run must be positive");
    require(maxToolRounds > 0, "max-tool-rounds must be positive");
    require(
        automaticRetries.stream().allMatch(wait -> !wait.isNegative() && !wait.isZero()),
        "automatic-retries must be positive durations (empty: none)");
    require(
        automaticRetries.size() <= MAX_AUTOMATIC_RETRIES,
        "automatic-retries must be at most " + MAX_AUTOMATIC_RETRIES + " waits");
  }

  public ConversationSettings toSettings() {
    return new ConversationSettings(
        debounce,
        maxBurstWait,
        memoryWindow,
        handoffPause,
        idleTimeout,
        turnsPerRun,
        maxToolRounds,
        automaticRetries);
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("clinicflow.conversation." + problem);
    }
  }
}
