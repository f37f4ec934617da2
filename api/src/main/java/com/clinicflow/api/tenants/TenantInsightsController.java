package com.clinicflow.api.tenants;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.InvalidFieldException;
import com.clinicflow.api.errors.UnknownTenantException;
import com.clinicflow.api.errors.UnknownTenantResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How a clinic is doing: usage, health and activity log (read-only, live from the database). */
@RestController
@RequestMapping(path = "/api/tenants/{tenant_id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tenants")
@AdminApi
@UnknownTenantResponse
class TenantInsightsController {

  /** What an event type looks like; anything else cannot match a line, and is a typo. */
  private static final Pattern EVENT_TYPE = Pattern.compile("^[a-z][a-z_]{0,63}$");

  static final int MAX_PAGE_SIZE = 500;
  private static final String TENANT_ID = "tenant_id";

  private final TenantDirectory tenants;
  private final TenantInsights insights;

  TenantInsightsController(TenantDirectory tenants, TenantInsights insights) {
    this.tenants = tenants;
    this.insights = insights;
  }

  @GetMapping("/usage")
  @Operation(
      operationId = "tenantUsage",
      summary = "Quota usage of a tenant",
      description =
          "Messages counted in the current monthly period (one per conversation turn), the limit,"
              + " the percentage used and the period (midnight of the 1st, clinic time). A period"
              + " that has ended shows as the new, empty one.")
  @ApiResponse(
      responseCode = "200",
      description = "The usage.",
      content = @Content(schema = @Schema(implementation = TenantUsageReport.class)))
  TenantUsageReport usage(@PathVariable(TENANT_ID) String tenantId) {
    return insights.usage(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId));
  }

  @GetMapping("/health")
  @Operation(
      operationId = "tenantHealth",
      summary = "Health of a tenant",
      description =
          "Last inbound message, last reply, last error, the WhatsApp connection state last"
              + " reported by Evolution, and the conversations waiting for an operator; status is"
              + " ok, attention (with the problems) or inactive.")
  @ApiResponse(
      responseCode = "200",
      description = "The health.",
      content = @Content(schema = @Schema(implementation = TenantHealthReport.class)))
  TenantHealthReport health(@PathVariable(TENANT_ID) String tenantId) {
    return insights.health(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId));
  }

  @GetMapping("/activity")
  @Operation(
      operationId = "tenantActivity",
      summary = "Activity log of a tenant",
      description =
          "Newest first, a page at a time; event_type keeps only the lines of one kind, e.g."
              + " configuration_changed, secret_set, needs_attention, turn_skipped,"
              + " whatsapp_connection (a rare kind among a million lines takes a fifth of a"
              + " second).")
  @ApiResponse(
      responseCode = "200",
      description = "A page of the log.",
      content = @Content(schema = @Schema(implementation = ActivityLogPage.class)))
  @ApiResponse(
      responseCode = "400",
      description = "page, size or event_type invalid (the message names it).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ActivityLogPage activity(
      @PathVariable(TENANT_ID) String tenantId,
      @Parameter(description = "Page number from 0 (newest).")
          @RequestParam(name = "page", defaultValue = "0")
          int page,
      @Parameter(description = "Lines per page, 1 to " + MAX_PAGE_SIZE + ".")
          @RequestParam(name = "size", defaultValue = "50")
          int size,
      @Parameter(description = "Only lines of this kind (lower case and '_'); omit for all.")
          @RequestParam(name = "event_type", required = false)
          String eventType) {
    if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
      throw new InvalidFieldException(
          "event_type", "event_type must be lower-case letters and '_', e.g. needs_attention.");
    }
    if (page < 0) {
      throw new InvalidFieldException("page", "page must be 0 or more.");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidFieldException("size", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
    }
    tenants.require(tenantId);
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE - size) {
      throw new InvalidFieldException("page", "page is too large.");
    }
    // One line more than asked says whether an older page exists.
    List<ActivityLogLine> lines = insights.activity(tenantId, eventType, size + 1, (int) offset);
    boolean hasMore = lines.size() > size;
    return new ActivityLogPage(
        tenantId, page, size, hasMore, hasMore ? lines.subList(0, size) : lines);
  }
}
