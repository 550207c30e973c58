package dev.cloudjar.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;
import dev.cloudjar.core.model.Traits;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a parsed input against the model's constraint traits (required, enum, length, range,
 * pattern, uniqueItems) the way AWS's Coral frameworks do: every violation is collected and reported in one
 * error, worded as AWS words it:
 * {@code 2 validation errors detected: Value null at 'tableName' failed to satisfy constraint:
 * Member must not be null; Value ...}.
 *
 * <p>Paths name members with a lower-case first letter ('tableName'); a structure in a list is
 * 'keySchema.1.member.attributeName' (1-based), a value in a map 'map.key'. Violations of
 * simple list elements or map keys/values are reported once at the collection, as Coral does:
 * {@code Member must satisfy constraint: [Member must have length less than or equal to 140]}.
 */
public final class Validator {
    public static final String VALIDATION_EXCEPTION = "ValidationException";

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * Reports violations as ValidationException (400), as most JSON services do, or under the
     * code the service's model names in its error conventions (Cognito's InvalidParameterException).
     */
    public Validator() {
    }

    /** The error code this service reports validation failures with. */
    public String errorCode(ServiceModel model) {
        String own = model.conventions().validationErrorCode();
        return own != null ? own : VALIDATION_EXCEPTION;
    }

    /**
     * @throws AwsException the service's validation error (400) listing every violation
     */
    public void validate(ServiceModel model, Shape structure, Map<String, Object> members) {
        List<String> violations = violations(structure, members);
        if (!violations.isEmpty()) {
            throw new AwsException(errorCode(model), 400, message(violations));
        }
    }

    /** AWS's wording for a list of violations. */
    public static String message(List<String> violations) {
        int n = violations.size();
        return n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations);
    }

    /** Every violation in a structure's members, in model order. */
    public List<String> violations(Shape structure, Map<String, Object> members) {
        List<String> out = new ArrayList<>();
        checkStructure(structure, members, "", out);
        return out;
    }

    private void checkStructure(Shape structure, Map<?, ?> value, String path, List<String> out) {
        for (Member member : structure.members().values()) {
            Object memberValue = value.get(member.name());
            if (memberValue == null) {
                if (member.isRequired() && !member.traits().has("default")) {
                    out.add(violation(null, path + pathName(member.name()), "Member must not be null"));
                }
                continue;
            }
            if (needsCheck(member)) {
                checkValue(member, memberValue, path + pathName(member.name()), out);
            }
        }
        if (structure.type() == ShapeType.UNION && value.size() != 1) {
            out.add(violation(value, path.isEmpty() ? "union" : path.substring(0, path.length() - 1),
                    "Union must have exactly one member set"));
        }
    }

    /** Whether a present value of this member can break anything: most members have no constraint at all. */
    private static boolean needsCheck(Member member) {
        Shape target = member.target();
        return target.type().isAggregate() || !target.enumValues().isEmpty() || hasConstraint(member.effectiveTraits());
    }

    private static boolean hasConstraint(Traits traits) {
        return traits.has("length") || traits.has("range") || traits.has("pattern");
    }

    private void checkValue(Member member, Object value, String path, List<String> out) {
        Shape target = member.target();
        for (String constraint : constraints(member, target, value)) {
            out.add(violation(value, path, constraint));
        }
        switch (target.type()) {
            case STRUCTURE, UNION -> {
                if (value instanceof Map<?, ?> map) {
                    checkStructure(target, map, path + ".", out);
                }
            }
            case LIST, SET -> {
                if (value instanceof List<?> list) {
                    if (target.traits().has("uniqueItems") && !unique(list)) {
                        out.add(violation(value, path, "Member must have unique values"));
                    }
                    checkList(target.listMember(), list, value, path, out);
                }
            }
            case MAP -> {
                if (value instanceof Map<?, ?> map) {
                    checkMap(target, map, path, out);
                }
            }
            default -> {
            }
        }
    }

    private void checkList(Member element, List<?> list, Object value, String path, List<String> out) {
        if (element.target().type().isAggregate()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    checkValue(element, list.get(i), path + "." + (i + 1) + ".member", out);
                }
            }
            return;
        }
        List<String> elementConstraints = new ArrayList<>();
        for (Object item : list) {
            if (item != null) {
                constraints(element, element.target(), item).stream()
                        .filter(c -> !elementConstraints.contains(c)).forEach(elementConstraints::add);
            }
        }
        if (!elementConstraints.isEmpty()) {
            out.add(violation(value, path, "Member must satisfy constraint: " + elementConstraints));
        }
    }

    private void checkMap(Shape mapShape, Map<?, ?> map, String path, List<String> out) {
        Member key = mapShape.mapKey();
        Member valueMember = mapShape.mapValue();
        List<String> keyConstraints = new ArrayList<>();
        List<String> valueConstraints = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            constraints(key, key.target(), e.getKey()).stream()
                    .filter(c -> !keyConstraints.contains(c)).forEach(keyConstraints::add);
            if (e.getValue() == null) {
                continue;
            }
            if (valueMember.target().type().isAggregate()) {
                checkValue(valueMember, e.getValue(), path + "." + e.getKey(), out);
            } else {
                constraints(valueMember, valueMember.target(), e.getValue()).stream()
                        .filter(c -> !valueConstraints.contains(c)).forEach(valueConstraints::add);
            }
        }
        if (!keyConstraints.isEmpty()) {
            out.add(violation(map, path, "Map keys must satisfy constraint: " + keyConstraints));
        }
        if (!valueConstraints.isEmpty()) {
            out.add(violation(map, path, "Map value must satisfy constraint: " + valueConstraints));
        }
    }

    /** The constraints a single value breaks; member traits take precedence over the target's. */
    private List<String> constraints(Member member, Shape target, Object value) {
        Traits traits = member.effectiveTraits();
        List<String> enumValues = target.enumValues();
        if (enumValues.isEmpty() && !hasConstraint(traits)) {
            return List.of();
        }
        List<String> broken = new ArrayList<>(0);
        if (!enumValues.isEmpty() && !enumValues.contains(String.valueOf(value))) {
            broken.add("Member must satisfy enum value set: " + enumValues);
        }
        JsonNode length = traits.get("length");
        if (length != null) {
            long size = size(value);
            if (size >= 0) {
                bound(length, size, "length", broken);
            }
        }
        JsonNode range = traits.get("range");
        if (range != null && value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            if (decimal != null) {
                boundDecimal(range, decimal, broken);
            }
        }
        String pattern = traits.string("pattern");
        if (pattern != null && value instanceof String s && !pattern(pattern).matcher(s).find()) {
            broken.add("Member must satisfy regular expression pattern: " + coralPattern(pattern));
        }
        return broken;
    }

    private static void bound(JsonNode trait, long size, String what, List<String> broken) {
        JsonNode min = trait.get("min");
        JsonNode max = trait.get("max");
        if (max != null && size > max.asLong()) {
            broken.add("Member must have " + what + " less than or equal to " + max.asText());
        }
        if (min != null && size < min.asLong()) {
            broken.add("Member must have " + what + " greater than or equal to " + min.asText());
        }
    }

    private static void boundDecimal(JsonNode trait, BigDecimal value, List<String> broken) {
        JsonNode min = trait.get("min");
        JsonNode max = trait.get("max");
        if (max != null && value.compareTo(max.decimalValue()) > 0) {
            broken.add("Member must have value less than or equal to " + max.asText());
        }
        if (min != null && value.compareTo(min.decimalValue()) < 0) {
            broken.add("Member must have value greater than or equal to " + min.asText());
        }
    }

    private static boolean unique(List<?> list) {
        Set<Object> seen = new HashSet<>();
        return list.stream().allMatch(item -> seen.add(comparable(item)));
    }

    /** A value with content equality, blobs included (byte arrays compare by identity). */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Validator::comparable).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new HashMap<>();
            map.forEach((k, v) -> out.put(k, comparable(v)));
            return out;
        }
        return value;
    }

    /** Characters (code points) of a string, bytes of a blob, entries of a list or map; else -1. */
    private static long size(Object value) {
        if (value instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        return -1;
    }

    /** The number as a decimal, or null for NaN and the infinities (which no range admits or denies). */
    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return new BigDecimal(number.toString());
    }

    /**
     * The pattern as AWS words it in the message: Smithy models wrap the services' own patterns
     * in ^...$, which the messages do not show ('[a-zA-Z0-9_.-]+' for DynamoDB's table names).
     */
    static String coralPattern(String pattern) {
        return pattern.length() > 1 && pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$")
                ? pattern.substring(1, pattern.length() - 1) : pattern;
    }

    /** Smithy patterns are ECMA-262 and unanchored, so a match anywhere in the value satisfies them. */
    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static String violation(Object value, String path, String constraint) {
        String rendered = value == null ? "null" : "'" + render(value) + "'";
        return "Value " + rendered + " at '" + path + "' failed to satisfy constraint: " + constraint;
    }

    private static String render(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    /** Coral names members with a lower-case first letter: TableName → 'tableName'. */
    static String pathName(String memberName) {
        if (memberName.isEmpty() || Character.isLowerCase(memberName.charAt(0))) {
            return memberName;
        }
        return memberName.substring(0, 1).toLowerCase(Locale.ROOT) + memberName.substring(1);
    }
}
