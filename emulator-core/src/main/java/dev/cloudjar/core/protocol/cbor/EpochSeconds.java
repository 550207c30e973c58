package dev.cloudjar.core.protocol.cbor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * A timestamp in a tree that becomes CBOR: a Jackson tree has no node for a tagged value, so this
 * value writes tag 1 (epoch-based date/time) itself, then whole seconds as an integer and
 * fractional ones as a double, as the protocol asks.
 */
record EpochSeconds(BigDecimal seconds) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        if (generator instanceof CBORGenerator cbor) {
            cbor.writeTag(1);
        }
        if (seconds.scale() <= 0) {
            generator.writeNumber(seconds.longValueExact());
        } else {
            generator.writeNumber(seconds.doubleValue());
        }
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer types)
            throws IOException {
        serialize(generator, serializers);
    }
}
