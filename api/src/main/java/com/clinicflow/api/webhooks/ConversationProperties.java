package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.patient.ConversationSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
    List<String> automaticRetries) {

  /** More automatic retries than this are a typo, not a policy. */
  static final int MAX_AUTOMATIC_RETRIES = 10;

  /** The value of {@code automatic-retries} that switches them off. */
  static final String NO_AUTOMATIC_RETRIES = "none";

  public ConversationProperties {
    ConversationSettings d = ConversationSettings.defaults();
    debounce = debounce == null ? d.debounce() : debounce;
    maxBurstWait = maxBurstWait == null ? d.maxBurstWait() : maxBurstWait;
    memoryWindow = memoryWindow == null ? d.memoryWindow() : memoryWindow;
    handoffPause = handoffPause == null ? d.handoffPause() : handoffPause;
    idleTimeout = idleTimeout == null ? d.idleTimeout() : idleTimeout;
    turnsPerRun = turnsPerRun == null ? d.turnsPerRun() : turnsPerRun;
    maxToolRounds = maxToolRounds == null ? d.maxToolRounds() : maxToolRounds;
    // Empty, like every key an .env file lists without a value, means the defaults: only "none"
    // switches them off, so a deployment never loses them by leaving the key blank.
    automaticRetries =
        automaticRetries == null || automaticRetries.stream().allMatch(String::isBlank)
            ? d.automaticRetries().stream().map(Duration::toString).toList()
            : List.copyOf(automaticRetries);
    // Fail at start, naming the property, rather than in a workflow at 3 a.m.
    require(!debounce.isNegative(), "debounce must not be negative");
    require(maxBurstWait.compareTo(debounce) >= 0, "max-burst-wait must be at least debounce");
    require(memoryWindow > 0, "memory-window must be positive");
    require(!handoffPause.isNegative(), "handoff-pause must not be negative");
    require(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle-timeout must be positive");
    require(turnsPerRun > 0, "turns-per-run must be positive");
    require(maxToolRounds > 0, "max-tool-rounds must be positive");
    require(
        automaticWaits(automaticRetries).stream().allMatch(w -> !w.isNegative() && !w.isZero()),
        "automatic-retries must be positive durations such as PT5M,PT30M, or none");
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
        automaticWaits(automaticRetries));
  }

  /** The waits as durations; none for {@link #NO_AUTOMATIC_RETRIES}. */
  private static List<Duration> automaticWaits(List<String> given) {
    if (given.size() == 1 && NO_AUTOMATIC_RETRIES.equalsIgnoreCase(given.get(0).strip())) {
      return List.of();
    }
    try {
      return given.stream().map(w -> Duration.parse(w.strip())).toList();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "clinicflow.conversation.automatic-retries must be durations such as PT5M,PT30M, or"
              + " none");
    }
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("clinicflow.conversation." + problem);
    }
  }
}
