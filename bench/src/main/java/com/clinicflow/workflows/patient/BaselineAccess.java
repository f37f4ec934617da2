package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Instant;

/**
 * The bench's door to the package-private {@link SystemInstruction}, so that the baseline turn
 * sends Gemini exactly the instruction the workflow builds (same bytes on the wire, same mapping
 * work). Lives in the bench module only.
 */
public final class BaselineAccess {

  private BaselineAccess() {}

  public static String patientInstruction(TenantConfig config, Instant now, String patientName) {
    return SystemInstruction.forPatient(config, now, patientName);
  }
}
