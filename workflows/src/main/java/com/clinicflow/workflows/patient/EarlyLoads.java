package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.ToolOffer;
import com.clinicflow.workflows.conversation.Memory;
import io.temporal.workflow.Promise;

/**
 * What a turn's model call needs besides the clinic checks, asked for before them (decision 0015):
 * the patient's memory and the tools offered, local activities that run while the checks' own run
 * (the tools' only in runs before {@code tools-by-audience}, decision 0019). Neither depends on the
 * checks' outcome; when the clinic turns out unknown, inactive or over its quota, their answers go
 * unused. A null: not asked for early (ask when needed).
 */
record EarlyLoads(Promise<Memory> memory, ToolOffer tools) {

  static final EarlyLoads NONE = new EarlyLoads(null, null);
}
