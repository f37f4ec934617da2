package com.clinicflow.api.conversations;

import com.clinicflow.api.errors.ApiError;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** OpenAPI: the answers to an operator's retry or skip, in one place for both. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
    responseCode = "202",
    description = "Signalled; the conversation goes on in the background.",
    content = @Content(schema = @Schema(implementation = OperatorSignalled.class)))
@ApiResponse(
    responseCode = "400",
    description = "requested_by too long, or malformed JSON.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(
    responseCode = "404",
    description = "workflow_not_running: the conversation's workflow is not running.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(
    responseCode = "409",
    description = "not_waiting: the conversation is not in NEEDS_ATTENTION.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@interface OperatorSignalResponses {}
