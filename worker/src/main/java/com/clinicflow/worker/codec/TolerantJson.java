package com.clinicflow.worker.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * Temporal's default data converter, except that a JSON payload may carry fields this release does
 * not know. During a rolling deploy a task scheduled by a newer release can reach a worker of the
 * previous one; Temporal's default Jackson mapper rejects any unknown field, so a field added to an
 * input (as {@code turn_key} was) failed those tasks until a newer worker took them. Fields of
 * workflow and activity inputs are only ever added (a removal or rename needs a version marker
 * anyway), so ignoring the ones a release does not know loses nothing it could use.
 *
 * <p>Signals matter most: the SDK drops a signal whose input it cannot read (it logs "Failure
 * deserializing signal input … Dropping it"), and a patient's message is a signal. A new value of
 * an enum with a default ({@code MessageKind}) reads as that default for the same reason.
 */
public final class TolerantJson {

  private TolerantJson() {}

  public static DataConverter dataConverter() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper();
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    // An enum value a later release adds reads as the enum's @JsonEnumDefaultValue where it has
    // one (a message kind reads as UNSUPPORTED); enums without one still refuse it.
    mapper.configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, true);
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }
}
