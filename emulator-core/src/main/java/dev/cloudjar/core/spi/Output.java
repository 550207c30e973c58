package dev.cloudjar.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation's output as a handler returns it: member names as in the model's output shape,
 * values as for {@link Input} (a streaming payload member holds a
 * {@link dev.cloudjar.core.http.ResponseBody}). The codec decides where each member goes on the
 * wire (body, header, status code).
 */
public final class Output {
    private final Map<String, Object> members = new LinkedHashMap<>();

    public static Output empty() {
        return new Output();
    }

    public static Output of(String member, Object value) {
        return new Output().put(member, value);
    }

    /** Sets a member; a null value leaves it out, as AWS omits absent members. */
    public Output put(String member, Object value) {
        if (value != null) {
            members.put(member, value);
        }
        return this;
    }

    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
