package com.clinicflow.api.conversations;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.conversations.ConversationWorkflows.HistoryDeletion;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.InvalidFieldException;
import com.clinicflow.api.errors.UnknownTenantResponse;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.workflows.patient.ConversationKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A clinic's patient asks for their data to be erased: the conversation workflows end, PostgreSQL
 * forgets them ({@link ConversationRecords#erase}) and Temporal is asked to delete the histories.
 * Behind the admin token like all of {@code /api}; the answer holds counts, never the contacts.
 */
@RestController
@RequestMapping(path = "/api/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
@AdminApi
@ApiResponse(
    responseCode = "503",
    description =
        "temporal_unavailable: Temporal did not answer; nothing is erased until the running"
            + " workflows are ended, and erasing again is safe.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
class PatientErasureController {

  private static final String TENANT_ID = "tenant_id";
  private static final String CONTACT = "contact";
  private static final Pattern PATIENT_CONTACT = Pattern.compile("(lid:)?[0-9]{5,20}");

  private final ConversationRecords records;
  private final ConversationWorkflows workflows;
  private final TenantDirectory tenants;

  PatientErasureController(
      ConversationRecords records, ConversationWorkflows workflows, TenantDirectory tenants) {
    this.records = records;
    this.workflows = workflows;
    this.tenants = tenants;
  }

  @DeleteMapping("/{tenant_id}/{contact}")
  @Operation(
      operationId = "erasePatient",
      summary = "Erase a patient's data at a clinic",
      description =
          "For a patient's erasure request. Terminates the patient's running conversation"
              + " workflows, deletes from PostgreSQL their conversations and transcript (the"
              + " model's memory, voice-note transcripts and photo descriptions included), the"
              + " learned phone/LID links, the send-ledger rows and activity-log lines of their"
              + " conversations, and unlinks their redelivery-ledger rows (a webhook redelivered"
              + " later is still a duplicate), under the phone and every WhatsApp LID the clinic"
              + " learned for it; then asks Temporal to delete the conversations' histories. Logged as"
              + " patient_erased (counts and requested_by, not the phone). Appointments in the"
              + " clinic's calendar and the quota's count of turns are kept. Erasing again finds"
              + " nothing (all counts 0). A message the patient sends afterwards starts a new"
              + " conversation.")
  @ApiResponse(
      responseCode = "200",
      description = "Erased; what was removed, in counts.",
      content = @Content(schema = @Schema(implementation = PatientErased.class)))
  @ApiResponse(
      responseCode = "400",
      description =
          "invalid_field: contact is not phone digits or lid:{digits}, or requested_by is too"
              + " long.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @UnknownTenantResponse
  PatientErased erase(
      @PathVariable(TENANT_ID) String tenantId,
      @PathVariable(CONTACT) String contact,
      @Parameter(description = "Who asked, for the activity log (default admin-api).")
          @RequestParam(name = "requested_by", required = false)
          String requestedBy) {
    String by = OperatorRequest.requester(requestedBy);
    if (!PATIENT_CONTACT.matcher(contact).matches()) {
      throw new InvalidFieldException(
          CONTACT, "contact must be the patient's phone digits or lid:{digits}.");
    }
    tenants.require(tenantId);
    List<String> contacts = records.patientContacts(tenantId, contact);
    int terminated = 0;
    for (String known : contacts) {
      // First: a running turn would write again what is about to be erased.
      if (workflows.terminate(ConversationKey.workflowId(tenantId, known), "patient data erased")) {
        terminated++;
      }
    }
    ErasedRecords erased = records.erase(tenantId, contacts, by);
    List<HistoryDeletion> histories =
        contacts.stream()
            .map(known -> workflows.deleteHistory(ConversationKey.workflowId(tenantId, known)))
            .toList();
    return new PatientErased(
        "erased", tenantId, contacts.size(), terminated, summary(histories), erased, by);
  }

  /** One word for the histories of all the patient's contacts. */
  private static String summary(List<HistoryDeletion> histories) {
    if (histories.contains(HistoryDeletion.KEPT)) {
      return "kept_until_retention";
    }
    return histories.contains(HistoryDeletion.DELETED) ? "deleted" : "none";
  }
}
