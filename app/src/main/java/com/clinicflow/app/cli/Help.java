package com.clinicflow.app.cli;

/** The text of {@code clinicflow help}. */
final class Help {

  static final String TEXT =
      """
      Usage: clinicflow tenants <command> [arguments] [options]
             clinicflow conversations <command> [arguments] [options]
             clinicflow import n8n-memory --n8n-db-url JDBC_URL [--n8n-db-user U]
                 [--n8n-db-password P] --db-url JDBC_URL [--db-user U] [--db-password P] [--json]
             (java -jar app/target/clinicflow.jar …, or bin/clinicflow …)

      import n8n-memory copies n8n's n8n_chat_histories into ClinicFlow's transcripts (database
      to database; idempotent). Passwords may come from N8N_DB_PASSWORD and
      SPRING_DATASOURCE_PASSWORD instead of options.

      Commands:
        list [--active true|false] [--search TEXT]   clinics, filtered by state or name/instance
        show TENANT_ID                               one clinic's configuration
        add [--file FILE] [--FIELD VALUE …]          create a clinic
        update TENANT_ID [--file FILE] [--FIELD VALUE …] [--clear FIELD,…]
                                                     change some fields of a clinic; --clear
                                                     sets optional ones back to null
        activate TENANT_ID | deactivate TENANT_ID    serve / stop serving its messages
        reset-quota TENANT_ID                        start a new quota period now
        usage TENANT_ID                              messages counted, limit, percent, period
        health [TENANT_ID]                           last inbound/reply/error, WhatsApp state,
                                                     conversations needing attention; without
                                                     a clinic, every active one, worst first
        logs TENANT_ID [--page N] [--size N] [--type EVENT]
                                                     activity log, newest first; --type keeps
                                                     one kind (e.g. configuration_changed)
        secrets TENANT_ID                            names of its secrets (never values)
        set-secret TENANT_ID NAME                    store a secret read from standard input
        delete-secret TENANT_ID NAME                 remove a secret
        onboard [--file FILE] [--FIELD VALUE …] [--evolution-url URL] [--evolution-api-key KEY]
                [--webhook-url URL] [--webhook-secret SECRET] [--no-qr] [--invert-qr]
                                                     create the clinic, its Evolution instance and
                                                     webhook, keep the instance's token as its
                                                     evolution_api_key secret, and show the
                                                     pairing QR code

      Conversations (CONTACT = phone digits, or lid:DIGITS):
        conversations list TENANT_ID [--status STATUS] [--limit N]
                                                     a clinic's conversations, latest first
                                                     (STATUS: ACTIVE, PAUSED, NEEDS_ATTENTION)
        conversations attention [--tenant TENANT_ID] [--limit N]
                                                     conversations waiting for an operator
        conversations retry-all [--tenant TENANT_ID] [--error TYPE] [--limit N] [--by NAME]
                                                     retry the waiting conversations at once,
                                                     longest waiting first (default 100): after
                                                     an outage, e.g. --error UPSTREAM_UNAVAILABLE
        conversations show TENANT_ID CONTACT         live workflow state and recorded status
        conversations transcript TENANT_ID CONTACT [--limit N]
                                                     stored messages, oldest first
        conversations history TENANT_ID CONTACT      Temporal history, payloads decoded
                                                     (events table; --json for the payloads)
        conversations retry TENANT_ID CONTACT [--by NAME]
                                                     re-run the failed turn of a conversation in
                                                     NEEDS_ATTENTION (after fixing the cause)
        conversations skip TENANT_ID CONTACT [--by NAME]
                                                     give up that turn when no retry can answer
                                                     it (the model refuses what was written);
                                                     the messages after it are answered
        conversations erase TENANT_ID CONTACT --yes [--by NAME]
                                                     erase what ClinicFlow keeps of a patient
                                                     (their erasure request): ends the
                                                     conversation, deletes its transcript,
                                                     ledgers and log lines under the phone and
                                                     its LIDs; cannot be undone

      Tenant fields (--file holds a tenant JSON, '-' = standard input; options override it):
        --tenant-id (--id), --clinic-name (--name), --evolution-instance-name (--instance),
        --google-calendar-id, --google-tasks-list-id, --mcp-calendar-endpoint,
        --telegram-internal-chat-id (--telegram-chat), --system-prompt-patient,
        --system-prompt-internal, --system-prompt-confirmation, --business-hours, --clinic-info,
        --timezone, --language, --is-active (--active), --monthly-message-limit (--limit),
        --fallback-message, --quota-exceeded-message
        Text values starting with @ are read from that file (--system-prompt-patient @prompt.txt).
        --business-hours takes JSON or mon-fri=08:00-18:00,sat=08:00-12:00.

      Options:
        --url URL        ClinicFlow (default $CLINICFLOW_URL, else http://localhost:8080)
        --token TOKEN    admin token (default $CLINICFLOW_ADMIN_TOKEN)
        --json           print the API's JSON instead of tables
        --help           this text
        onboard also reads $CLINICFLOW_EVOLUTION_URL (or $CLINICFLOW_EVOLUTION_BASE_URL),
        $CLINICFLOW_EVOLUTION_API_KEY, $CLINICFLOW_WEBHOOK_URL (default URL/webhooks/evolution)
        and $CLINICFLOW_EVOLUTION_WEBHOOK_SECRET.

      Exit codes:
        0  done
        1  the API answered with an error (the message, which names the field, is printed)
        2  wrong command line (unknown command or option, missing argument, unreadable file)
        3  the API could not be reached (connection refused, timeout)
      """;

  private Help() {}
}
