package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.staff.StaffUpdate;

/** Hands a Telegram update to its chat's assistant with signal-with-start (seam for tests). */
interface StaffAssistantStarter {

  /**
   * @throws RuntimeException when Temporal cannot be reached or refuses; nothing was recorded
   */
  void signalWithStart(String workflowId, StaffStart start, StaffUpdate update);
}
