package com.clinicflow.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/**
 * Title and security schemes of the OpenAPI document served at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}). Both stay readable without the admin token so operators can read them.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "ClinicFlow API",
            version = "v1",
            description =
                "Admin API of ClinicFlow (tenants) and the Evolution webhook it receives. JSON uses"
                    + " snake_case; every error is {\"error\": \"<machine_code>\", \"message\":"
                    + " \"<sentence>\"}."),
    tags = {
      @Tag(name = "Tenants", description = "Clinics served by this deployment (admin API)."),
      @Tag(
          name = "Conversations",
          description =
              "Patient conversations for operators: a clinic's list, state, transcript,"
                  + " decoded history, conversations needing attention, retry or skip of a failed"
                  + " turn, a patient's erasure (admin API)."),
      @Tag(
          name = "Webhooks",
          description =
              "Called by the Evolution API gateway, not by people. Answers fast, before any"
                  + " LLM work.")
    })
@SecurityScheme(
    name = ApiDocumentation.ADMIN_TOKEN,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "The value of clinicflow.admin.token. Without it configured, /api/** is disabled.")
@SecurityScheme(
    name = ApiDocumentation.WEBHOOK_SECRET,
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = "X-Webhook-Secret",
    description = "The value of clinicflow.evolution.webhook-secret, set as a webhook header.")
@SecurityScheme(
    name = ApiDocumentation.WEBHOOK_JWT,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description =
        "HS256 JWT signed by Evolution with the webhook's jwt_key"
            + " (clinicflow.evolution.webhook-jwt-key).")
@SecurityScheme(
    name = ApiDocumentation.TELEGRAM_SECRET,
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = "X-Telegram-Bot-Api-Secret-Token",
    description =
        "The value of clinicflow.telegram.webhook-secret, given to Telegram as setWebhook's"
            + " secret_token.")
public class ApiDocumentation {

  /** Security scheme name of the admin bearer token. */
  public static final String ADMIN_TOKEN = "adminToken";

  /** Security scheme name of the Evolution webhook secret header. */
  public static final String WEBHOOK_SECRET = "webhookSecret";

  /** Security scheme name of the Evolution webhook JWT. */
  public static final String WEBHOOK_JWT = "webhookJwt";

  /** Security scheme name of the Telegram webhook's secret token header. */
  public static final String TELEGRAM_SECRET = "telegramSecret";
}
