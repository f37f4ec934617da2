package com.clinicflow.api.errors;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * OpenAPI: the 404 {@code unknown_tenant} of an admin endpoint addressed by {@code tenant_id}, in
 * one place for every such endpoint (springdoc reads it as a meta-annotation).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
    responseCode = "404",
    description = "unknown_tenant",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
public @interface UnknownTenantResponse {}
