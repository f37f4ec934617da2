package com.clinicflow.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.workflows.agent.ToolActivities;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ToolActivitiesImplTest {

  private final List<ToolInvocation> seen = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private final ToolHandler slots =
      handler(
          "list_slots",
          invocation -> {
            seen.add(invocation);
            Object day = invocation.call().args().get("day");
            if (day == null) {
              throw new IllegalArgumentException("day is required (YYYY-MM-DD)");
            }
            return Map.of("day", day, "slots", List.of("09:00", "10:30"));
          });
  private final ToolHandler broken =
      handler(
          "create_event",
          invocation -> {
            throw new IllegalStateException("calendar unreachable");
          });

  private final ToolActivitiesImpl tools = new ToolActivitiesImpl(List.of(slots, broken), meters);

  @Test
  void theCatalogOffersEachAudienceOnlyItsOwnTools() {
    assertThat(tools.catalog(new ToolScope("clinica-moreira", ToolScope.Audience.PATIENT)).tools())
        .extracting(ToolSpec::name)
        .containsExactly("list_slots", "create_event");
    assertThat(tools.catalog(new ToolScope("clinica-moreira", ToolScope.Audience.STAFF)).tools())
        .extracting(ToolSpec::name)
        .containsExactly("create_event");
  }

  @Test
  void dispatchesByNameAndEchoesTheCallIdAndName() {
    ToolInvocation invocation =
        invocation(new ToolCall("call-7", "list_slots", Map.of("day", "2026-03-02")));

    ToolResult result = tools.invoke(invocation);

    assertThat(seen).containsExactly(invocation);
    assertThat(result)
        .isEqualTo(
            new ToolResult(
                "call-7",
                "list_slots",
                Map.of("day", "2026-03-02", "slots", List.of("09:00", "10:30"))));
    assertThat(
            meters
                .get("clinicflow.tools.calls")
                .tags("tool", "list_slots", "outcome", "ok")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void unknownToolAnswersTheModelWithAnError() {
    ToolResult result =
        tools.invoke(invocation(new ToolCall("call-8", "delete_everything", Map.of())));

    assertThat(result)
        .isEqualTo(
            new ToolResult(
                "call-8", "delete_everything", Map.of("error", "unknown tool delete_everything")));
    assertThat(
            meters
                .get("clinicflow.tools.calls")
                .tags("tool", "unknown", "outcome", "unknown_tool")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aToolNotOfferedToTheAudienceDoesNotRunAndLooksUnknown() {
    ToolResult result =
        tools.invoke(
            invocation(
                new ToolCall("call-9", "list_slots", Map.of("day", "2026-03-02")),
                ToolScope.Audience.STAFF));

    assertThat(seen).isEmpty();
    assertThat(result)
        .isEqualTo(
            new ToolResult("call-9", "list_slots", Map.of("error", "unknown tool list_slots")));
    assertThat(
            meters
                .get("clinicflow.tools.calls")
                .tags("tool", "list_slots", "outcome", "not_offered")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void anInvocationRecordedWithoutItsAudienceIsAStaffChatsByItsContact() {
    ToolInvocation staff =
        new ToolInvocation(
            "clinica-moreira",
            ToolInvocation.STAFF_CHAT_PREFIX + "-100",
            "staff:clinica-moreira:-100",
            "key-2",
            new ToolCall("c", "list_slots", Map.of("day", "2026-03-02")),
            null);
    ToolInvocation patient =
        new ToolInvocation(
            "clinica-moreira",
            "5511999990000",
            "patient:clinica-moreira:5511999990000",
            "key-3",
            new ToolCall("c", "list_slots", Map.of("day", "2026-03-02")),
            null);

    assertThat(tools.invoke(staff).response()).containsKey("error");
    assertThat(tools.invoke(patient).response()).containsEntry("day", "2026-03-02");
    assertThat(seen).containsExactly(patient);
  }

  @Test
  void theCatalogsAreTheToolsOfferedToTheScope() {
    ToolCatalogs catalogs = tools;

    assertThat(catalogs.offeredTo(new ToolScope("clinica-moreira", ToolScope.Audience.STAFF)))
        .extracting(ToolSpec::name)
        .containsExactly("create_event");
  }

  @Test
  void badArgumentsAnswerTheModelWithTheHandlersMessage() {
    ToolResult result = tools.invoke(invocation(new ToolCall(null, "list_slots", Map.of())));

    assertThat(result)
        .isEqualTo(
            new ToolResult(null, "list_slots", Map.of("error", "day is required (YYYY-MM-DD)")));
  }

  @Test
  void otherFailuresPropagateForTemporalToRetry() {
    assertThatThrownBy(() -> tools.invoke(invocation(new ToolCall(null, "create_event", Map.of()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("calendar unreachable");
    assertThat(
            meters
                .get("clinicflow.tools.calls")
                .tags("tool", "create_event", "outcome", "failed")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void twoHandlersWithOneNameAreAWiringMistake() {
    assertThatThrownBy(
            () -> new ToolActivitiesImpl(List.of(slots, handler("list_slots", i -> Map.of()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("list_slots");
  }

  @Test
  void springCollectsEveryHandlerBean() {
    new ApplicationContextRunner()
        .withUserConfiguration(ToolsConfiguration.class)
        .withBean("slots", ToolHandler.class, () -> slots)
        .withBean("broken", ToolHandler.class, () -> broken)
        .run(
            ctx -> {
              ToolActivities activities = ctx.getBean(ToolActivities.class);
              assertThat(ctx.getBean(ToolCatalogs.class)).isSameAs(activities);
              assertThat(((ToolActivitiesImpl) activities).toolNames())
                  .containsExactly("create_event", "list_slots");
              assertThat(
                      activities
                          .invoke(invocation(new ToolCall("c", "list_slots", Map.of("day", "d"))))
                          .response())
                  .containsEntry("day", "d");
            });
  }

  private static ToolInvocation invocation(ToolCall call) {
    return invocation(call, ToolScope.Audience.PATIENT);
  }

  private static ToolInvocation invocation(ToolCall call, ToolScope.Audience audience) {
    return new ToolInvocation(
        "clinica-moreira",
        "5511999990000",
        "patient:clinica-moreira:5511999990000",
        "key-1",
        call,
        audience);
  }

  private static ToolHandler handler(
      String name, java.util.function.Function<ToolInvocation, Map<String, Object>> body) {
    return new ToolHandler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ToolSpec spec() {
        return new ToolSpec(name, "Test tool " + name, Map.of("type", "object"));
      }

      @Override
      public boolean offeredTo(ToolScope scope) {
        return scope.audience() == ToolScope.Audience.PATIENT || name.equals("create_event");
      }

      @Override
      public Map<String, Object> handle(ToolInvocation invocation) {
        return body.apply(invocation);
      }
    };
  }
}
