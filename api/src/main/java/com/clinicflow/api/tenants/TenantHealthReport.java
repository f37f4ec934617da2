package com.clinicflow.api.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a clinic is doing, in one answer an operator can act on: {@code status} is {@code ok}, {@code
 * attention} (see {@code problems}) or {@code inactive}.
 */
@Schema(description = "How a clinic is doing.")
public record TenantHealthReport(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("is_active") boolean isActive,
    @Schema(
            description = "ok, attention (see problems) or inactive.",
            allowableValues = {"ok", "attention", "inactive"})
        @JsonProperty("status")
        String status,
    @Schema(
            description =
                "whatsapp_disconnected, conversations_need_attention, quota_exceeded (empty when"
                    + " ok).")
        @JsonProperty("problems")
        List<String> problems,
    @Schema(description = "Newest patient message taken in.") @JsonProperty("last_inbound_at")
        Instant lastInboundAt,
    @Schema(description = "Newest reply sent (or recorded in sandbox).")
        @JsonProperty("last_reply_at")
        Instant lastReplyAt,
    @JsonProperty("last_error") LastError lastError,
    @JsonProperty("whatsapp") WhatsAppConnection whatsapp,
    @JsonProperty("quota_exceeded") boolean quotaExceeded,
    @JsonProperty("needs_attention") Attention needsAttention) {

  /** Evolution states after which the gateway will not reconnect by itself. */
  private static final Set<String> DISCONNECTED = Set.of("close", "refused");

  /** The newest error: when, which ({@code Errors} type, never a vendor text) and where. */
  @Schema(description = "The newest error; null when none was recorded.")
  public record LastError(
      @JsonProperty("at") Instant at,
      @JsonProperty("error") String error,
      @Schema(description = "conversation or whatsapp_send.") @JsonProperty("source")
          String source) {}

  /** The last connection state Evolution reported ({@code unknown} before any report). */
  @Schema(description = "The last WhatsApp connection state Evolution reported.")
  public record WhatsAppConnection(
      @Schema(description = "open, connecting, close, refused or unknown.") @JsonProperty("state")
          String state,
      @JsonProperty("status_reason") Integer statusReason,
      @JsonProperty("at") Instant at) {}

  /** Conversations waiting for an operator's retry, longest waiting first. */
  @Schema(description = "Conversations waiting for an operator.")
  public record Attention(
      @JsonProperty("count") int count,
      @JsonProperty("conversations") List<AttentionItem> conversations) {}

  /** One conversation waiting for an operator. */
  public record AttentionItem(
      @JsonProperty("contact") String contact,
      @JsonProperty("workflow_id") String workflowId,
      @JsonProperty("since") Instant since,
      @JsonProperty("last_error") String lastError) {}

  /** Builds the report and derives {@code status} and {@code problems} from the signals. */
  public static TenantHealthReport of(
      String tenantId,
      boolean active,
      Instant lastInboundAt,
      Instant lastReplyAt,
      LastError lastError,
      WhatsAppConnection whatsapp,
      boolean quotaExceeded,
      List<AttentionItem> needingAttention) {
    WhatsAppConnection connection =
        whatsapp == null || whatsapp.state() == null
            ? new WhatsAppConnection("unknown", null, null)
            : whatsapp;
    List<String> problems = new ArrayList<>();
    if (DISCONNECTED.contains(connection.state())) {
      problems.add("whatsapp_disconnected");
    }
    if (!needingAttention.isEmpty()) {
      problems.add("conversations_need_attention");
    }
    if (quotaExceeded) {
      problems.add("quota_exceeded");
    }
    String status = !active ? "inactive" : problems.isEmpty() ? "ok" : "attention";
    return new TenantHealthReport(
        tenantId,
        active,
        status,
        List.copyOf(problems),
        lastInboundAt,
        lastReplyAt,
        lastError,
        connection,
        quotaExceeded,
        new Attention(needingAttention.size(), List.copyOf(needingAttention)));
  }
}
