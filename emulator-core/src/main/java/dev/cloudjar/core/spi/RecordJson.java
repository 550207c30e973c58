package dev.cloudjar.core.spi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON services write their stored records in (so a data dir stays readable) and read JSON
 * documents that arrive as strings (policies, client contexts). Lenient about members it does
 * not know, so records written by a newer version still load. The mapper is built on first use:
 * creating an ObjectMapper costs a good share of the server's start.
 */
public final class RecordJson {
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private RecordJson() {
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return Holder.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Holder.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a document; throws the parser's IOException for text that is not JSON. */
    public static JsonNode tree(String json) throws IOException {
        return Holder.MAPPER.readTree(json);
    }
}
