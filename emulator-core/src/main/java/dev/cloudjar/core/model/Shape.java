package dev.cloudjar.core.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A shape of a service model. Aggregates have members: a structure or union its named members,
 * a list its "member", a map its "key" and "value". An enum's values are in {@link #enumValues()}.
 */
public final class Shape {
    private final String id;
    private final ShapeType type;
    private final Map<String, Member> members;
    private final Traits traits;
    private final List<String> enumValues;

    Shape(String id, ShapeType type, Map<String, Member> members, Traits traits, List<String> enumValues) {
        this.id = id;
        this.type = type;
        this.members = Collections.unmodifiableMap(members);
        this.traits = traits;
        this.enumValues = List.copyOf(enumValues);
    }

    /** The absolute shape id, e.g. "com.amazonaws.dynamodb#PutItemInput". */
    public String id() {
        return id;
    }

    /** The shape's name without namespace, e.g. "PutItemInput". */
    public String name() {
        int hash = id.indexOf('#');
        return hash < 0 ? id : id.substring(hash + 1);
    }

    public ShapeType type() {
        return type;
    }

    /** Members in model order. */
    public Map<String, Member> members() {
        return members;
    }

    public Member member(String name) {
        return members.get(name);
    }

    /** A list's element member. */
    public Member listMember() {
        return members.get("member");
    }

    public Member mapKey() {
        return members.get("key");
    }

    public Member mapValue() {
        return members.get("value");
    }

    public Traits traits() {
        return traits;
    }

    /** The allowed values of an enum shape (or a string with the legacy enum trait); else empty. */
    public List<String> enumValues() {
        return enumValues;
    }

    @Override
    public String toString() {
        return id + " (" + type + ")";
    }
}
