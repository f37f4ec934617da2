package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.patient.InboundMessage;

/**
 * A WhatsApp message mapped for a patient conversation.
 *
 * @param contact the conversation's contact: phone digits, or {@code lid:{digits}} while only a LID
 *     is known
 * @param message what is signalled to the conversation
 * @param learned a LID ↔ phone pair this message revealed (both were in it), else null
 */
record PatientMessage(String contact, InboundMessage message, LidPhone learned) {

  /** A WhatsApp LID and the phone it stands for, both as digits. */
  record LidPhone(String lid, String phone) {}
}
