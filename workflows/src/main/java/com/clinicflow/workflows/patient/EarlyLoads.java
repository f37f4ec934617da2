package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.ToolCatalog;
import com.clinicflow.workflows.conversation.Memory;
import io.temporal.workflow.Promise;

/**
 * What a turn's model call needs besides the clinic checks, asked for before them (decision 0015):
 * the patient's memory and the tools offered, two local activities that run while the checks' own
 * run. Neither depends on the checks' outcome; when the clinic turns out unknown, inactive or over
 * its quota, their answers go unused. A null promise: not asked for early (ask when needed).
 */
record EarlyLoads(Promise<Memory> memory, Promise<ToolCatalog> catalog) {

  static final EarlyLoads NONE = new EarlyLoads(null, null);
}
