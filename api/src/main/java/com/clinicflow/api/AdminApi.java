package com.clinicflow.api;

import com.clinicflow.api.errors.ApiError;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * OpenAPI: a controller of the admin API ({@code /api/**}, behind {@code AdminTokenFilter}): the
 * admin token's security requirement and its 401, said once for every such controller (springdoc
 * reads both as meta-annotations).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SecurityRequirement(name = ApiDocumentation.ADMIN_TOKEN)
@ApiResponse(
    responseCode = "401",
    description = "Missing or wrong admin token, or no token configured (admin API disabled).",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
public @interface AdminApi {}
