package com.clinicflow.api.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A clinic's message quota now. Quotas are monthly and count one message per conversation turn; a
 * period begins at midnight of the 1st in the clinic's time zone.
 */
@Schema(description = "A clinic's message quota in its current period.")
public record TenantUsageReport(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("clinic_name") String clinicName,
    @JsonProperty("is_active") boolean isActive,
    @JsonProperty("timezone") String timezone,
    @Schema(description = "Messages (turns) counted in the current period.")
        @JsonProperty("message_count")
        int messageCount,
    @Schema(description = "The monthly limit (monthly_message_limit); 0 = no messages.")
        @JsonProperty("message_limit")
        int messageLimit,
    @Schema(description = "message_count / message_limit in percent, one decimal; 100 at limit 0.")
        @JsonProperty("percent")
        double percent,
    @JsonProperty("remaining") int remaining,
    @Schema(description = "True when new messages get the quota_exceeded_message.")
        @JsonProperty("exceeded")
        boolean exceeded,
    @Schema(description = "Start of the current period.") @JsonProperty("period_start")
        Instant periodStart,
    @Schema(description = "Start of the next period (the next reset).") @JsonProperty("period_end")
        Instant periodEnd) {}
