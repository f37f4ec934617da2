package com.clinicflow.workflows.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.HistoryMarkers;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn that failed on a passing outage is tried again by itself after the settings' waits (5 min,
 * 30 min, 2 h by default), alerting the clinic only once; a failure an operator must fix, and a
 * conversation staff took over, wait for people.
 */
class AutomaticRetryTest {

  private static final String PHONE = "5511900000001";

  private ConversationHarness h;
  private PatientHandler conversation;

  @BeforeEach
  void setUp() {
    h = new ConversationHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void aTurnFailedOnAnOutageIsAnsweredByItsSecondAutomaticRetryAndAlertsOnce() {
    // The first attempt and the first automatic retry (5 min later) meet Gemini down; the second
    // (30 min after that) finds it back.
    h.fakes.llm.failFirst(2 * ActivityStubs.LLM_ATTEMPTS, AutomaticRetryTest::http503, "Voltei!");
    waitingAfter("Oi");
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");
    // What an operator reads in the state query: when it will heal by itself, if it can.
    Instant failedAt = Instant.ofEpochMilli(h.env.currentTimeMillis());
    assertThat(conversation.state().nextAutomaticRetryAt())
        .isBetween(failedAt.plus(Duration.ofMinutes(4)), failedAt.plus(Duration.ofMinutes(5)));

    h.pass(Duration.ofMinutes(5));
    h.eventually(
        () -> h.fakes.tenants.events().stream().filter("needs_attention"::equals).count() == 2);
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);
    h.pass(Duration.ofMinutes(29));
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");

    h.pass(Duration.ofMinutes(2));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha", "Voltei!");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(h.fakes.alerts.raised).hasSize(1);
    assertThat(h.fakes.alerts.raised.get(0).retriesByItself()).isTrue();
    assertThat(h.fakes.tenants.log)
        .filteredOn(e -> e.eventType().equals("automatic_retry"))
        .extracting(ActivityLogEntry::details)
        .extracting(d -> d.get("attempt"), d -> d.get("error"))
        .containsExactly(tuple(1, "UPSTREAM_UNAVAILABLE"), tuple(2, "UPSTREAM_UNAVAILABLE"));
    assertThat(h.fakes.conversations.statuses)
        .extracting(StatusChange::reason)
        .contains("automatic_retry")
        .doesNotContain("operator_retry");
  }

  @Test
  void afterTheLastAutomaticRetryTheTurnWaitsForAnOperator() {
    h.fakes.llm.failFirst(4 * ActivityStubs.LLM_ATTEMPTS, AutomaticRetryTest::http503, "Voltei!");
    waitingAfter("Oi");

    h.pass(Duration.ofHours(3));
    h.eventually(() -> h.fakes.llm.requests.size() == 4 * ActivityStubs.LLM_ATTEMPTS);
    h.pass(Duration.ofDays(2));
    h.settle();
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");
    assertThat(h.fakes.llm.requests).hasSize(4 * ActivityStubs.LLM_ATTEMPTS);
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);
    assertThat(conversation.state().nextAutomaticRetryAt()).isNull();
    assertThat(h.fakes.alerts.raised).hasSize(1);

    conversation.retry(new OperatorRetry("operator"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha", "Voltei!");
  }

  @Test
  void aFailureAnOperatorMustFixIsNeverRetriedByItself() {
    h.fakes.llm.failFirst(
        1, () -> Errors.UNAUTHORIZED.failure("API key not valid"), "Com a chave nova.");
    waitingAfter("Oi");

    h.pass(Duration.ofHours(6));
    h.settle();

    assertThat(h.fakes.llm.requests).hasSize(1);
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");
    assertThat(conversation.state().nextAutomaticRetryAt()).isNull();
    assertThat(h.fakes.tenants.events()).doesNotContain("automatic_retry");
    assertThat(h.fakes.alerts.raised)
        .singleElement()
        .satisfies(a -> assertThat(a.retriesByItself()).isNull());
    assertThat(markers()).doesNotContain("automatic-retry");
  }

  @Test
  void aConversationStaffPausedIsLeftToThemWhileItsRetriesPass() {
    h.fakes.llm.failFirst(ActivityStubs.LLM_ATTEMPTS, AutomaticRetryTest::http503, "Voltei!");
    waitingAfter("Oi");
    conversation.pause(new BotPause(Duration.ofHours(4), "telegram:-100"));

    h.pass(Duration.ofHours(3));
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);
    assertThat(h.fakes.llm.requests).hasSize(ActivityStubs.LLM_ATTEMPTS);
  }

  @Test
  void settingsWithoutAutomaticRetriesWaitForAnOperatorOnly() {
    h.withoutAutomaticRetries();
    h.fakes.llm.failFirst(ActivityStubs.LLM_ATTEMPTS, AutomaticRetryTest::http503, "Voltei!");
    waitingAfter("Oi");

    h.pass(Duration.ofHours(3));
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");
    assertThat(markers()).doesNotContain("automatic-retry");
  }

  private void waitingAfter(String text) {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", text));
    conversation = h.conversation("alpha", PHONE);
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);
  }

  private List<String> markers() {
    return HistoryMarkers.versions(
        h.client.fetchHistory(ConversationHarness.workflowId("alpha", PHONE)).getEvents());
  }

  private static ApplicationFailure http503() {
    return ApplicationFailure.newFailure("HTTP 503", "UPSTREAM_UNAVAILABLE");
  }
}
