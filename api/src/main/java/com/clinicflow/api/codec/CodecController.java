package com.clinicflow.api.codec;

import com.clinicflow.api.ApiDocumentation;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.ApiException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.ChainCodec;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's codec server protocol, so the Temporal UI (and {@code temporal --codec-endpoint}) can
 * show the decrypted payloads of a conversation to an operator holding the admin token. Bodies are
 * the proto3 JSON of {@code temporal.api.common.v1.Payloads}; only the last path segment matters to
 * the UI, which may prefix a namespace.
 */
@RestController
@Tag(name = "Codec", description = "Temporal codec server for the Temporal UI (admin token)")
@SecurityRequirement(name = ApiDocumentation.ADMIN_TOKEN)
// Both operations answer alike.
@ApiResponse(responseCode = "200", description = "The payloads, encoded or decoded.")
@ApiResponse(
    responseCode = "400",
    description =
        "malformed_payloads (not the JSON of Payloads) or undecodable_payload (a key this"
            + " server does not hold).",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(
    responseCode = "401",
    description = "Neither the admin token nor a signed-in browser's session.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
class CodecController {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

  private final PayloadCodec codec;

  /** Without a codec bean (no Temporal client in this context) payloads pass unchanged. */
  CodecController(ObjectProvider<PayloadCodec> codec) {
    this.codec = codec.getIfAvailable(() -> new ChainCodec(List.of()));
  }

  @PostMapping(
      value = {"/codec/encode", "/codec/{namespace}/encode"},
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "codecEncode", summary = "Encode (encrypt) Temporal payloads")
  String encode(@RequestBody String body) {
    return apply(
        body,
        payloads ->
            Payloads.newBuilder().addAllPayloads(codec.encode(payloads.getPayloadsList())).build());
  }

  @PostMapping(
      value = {"/codec/decode", "/codec/{namespace}/decode"},
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "codecDecode", summary = "Decode (decrypt) Temporal payloads")
  String decode(@RequestBody String body) {
    return apply(
        body,
        payloads ->
            Payloads.newBuilder().addAllPayloads(codec.decode(payloads.getPayloadsList())).build());
  }

  private static String apply(String body, UnaryOperator<Payloads> operation) {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      PARSER.merge(body, in);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "malformed_payloads", "The body is not the JSON of Payloads.");
    }
    try {
      return PRINTER.print(operation.apply(in.build()));
    } catch (PayloadCodecException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "undecodable_payload", e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("payloads could not be printed", e);
    }
  }
}
