package com.clinicflow.workflows.tenant;

/** Where a message came from, which decides how its clinic is found. */
public enum Channel {
  /** A patient on WhatsApp: the clinic is found by its Evolution instance name. */
  WHATSAPP,
  /** Clinic staff on Telegram: the clinic is found by its authorised chat id. */
  TELEGRAM
}
