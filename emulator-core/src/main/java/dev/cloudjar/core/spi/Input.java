package dev.cloudjar.core.spi;

import dev.cloudjar.core.http.RequestBody;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An operation's input as the codec parsed and validated it against the model: member names as
 * in the model, values as plain Java (String, Integer, Long, Double, BigDecimal, Boolean, Instant,
 * byte[], List, Map for maps and structures, {@link RequestBody} for a streaming payload).
 */
public final class Input {
    private final Map<String, Object> members;

    public Input(Map<String, Object> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    public static Input empty() {
        return new Input(Map.of());
    }

    public Map<String, Object> members() {
        return members;
    }

    public boolean has(String member) {
        return members.get(member) != null;
    }

    public Object get(String member) {
        return members.get(member);
    }

    public String string(String member) {
        Object v = members.get(member);
        return v == null ? null : v.toString();
    }

    public Integer integer(String member) {
        Object v = members.get(member);
        return v == null ? null : ((Number) v).intValue();
    }

    public Long longValue(String member) {
        Object v = members.get(member);
        return v == null ? null : ((Number) v).longValue();
    }

    public BigDecimal decimal(String member) {
        Object v = members.get(member);
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    public Boolean bool(String member) {
        return (Boolean) members.get(member);
    }

    public Instant timestamp(String member) {
        return (Instant) members.get(member);
    }

    public byte[] blob(String member) {
        return (byte[]) members.get(member);
    }

    public RequestBody stream(String member) {
        return (RequestBody) members.get(member);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String member) {
        return (List<Object>) members.get(member);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String member) {
        return (Map<String, Object>) members.get(member);
    }

    /** A nested structure member as an Input, or null. */
    public Input structure(String member) {
        Map<String, Object> m = map(member);
        return m == null ? null : new Input(m);
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
