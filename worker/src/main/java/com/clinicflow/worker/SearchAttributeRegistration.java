package com.clinicflow.worker;

import com.clinicflow.workflows.common.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers ClinicFlow's search attributes on the Temporal server before any worker polls: a
 * workflow that upserts an unknown attribute fails its task. One call per attribute, so an existing
 * one ({@code ALREADY_EXISTS}) does not hide a missing other. Where the operator API is refused
 * (e.g. Temporal Cloud, where attributes are added in the console), it says so and goes on.
 */
final class SearchAttributeRegistration {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  static void register(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    for (var key : SearchAttributes.ALL) {
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
        log.info("Registered search attribute {}", key.getName());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
          continue;
        }
        log.warn(
            "Could not register search attribute {} ({}): add it as a Keyword attribute of"
                + " namespace {} by hand, or conversations will fail to record their status",
            key.getName(),
            e.getStatus().getCode(),
            namespace);
      }
    }
  }
}
