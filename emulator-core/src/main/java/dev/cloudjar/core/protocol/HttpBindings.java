package dev.cloudjar.core.protocol;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP bindings shared by restJson1 and restXml: members carried in URI labels, the query
 * string and headers (requests), headers and the status code (responses). The body is the
 * codec's own business.
 */
public final class HttpBindings {
    private final Function<String, AwsException> malformed;

    /** @param malformed the protocol's error for a value that does not fit its member's shape */
    public HttpBindings(Function<String, AwsException> malformed) {
        this.malformed = malformed;
    }

    /** The member bound with httpPayload, or null. */
    public static Member payloadMember(Shape structure) {
        return structure.members().values().stream()
                .filter(m -> HttpBinding.of(m) == HttpBinding.PAYLOAD).findFirst().orElse(null);
    }

    /** Members of a request that travel in the body when no member is the payload. */
    public static List<Member> bodyMembers(Shape structure) {
        return structure.members().values().stream().filter(m -> HttpBinding.of(m) == HttpBinding.BODY).toList();
    }

    /**
     * Members of a response (or error) that travel in the body: labels and query parameters mean
     * nothing in a response, so members bound to them are written in the body.
     */
    public static List<Member> responseBodyMembers(Shape structure) {
        return structure.members().values().stream().filter(m -> switch (HttpBinding.of(m)) {
            case BODY, LABEL, QUERY, QUERY_PARAMS -> true;
            default -> false;
        }).toList();
    }

    /** Members of the input from labels, query and headers, as plain Java values. */
    public Map<String, Object> readRequest(Shape input, Request request, Map<String, String> labels) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Member member : input.members().values()) {
            Object value = switch (HttpBinding.of(member)) {
                case LABEL -> label(member, labels.get(member.name()));
                case QUERY -> query(member, request.queryParameters().get(member.traits().string("httpQuery")));
                case QUERY_PARAMS -> queryParams(member, request.queryParameters());
                case HEADER -> header(member, request.headers());
                case PREFIX_HEADERS -> prefixHeaders(member, request.headers());
                default -> null;
            };
            if (value != null) {
                members.put(member.name(), value);
            }
        }
        return members;
    }

    private Object label(Member member, String text) {
        return text == null ? null : parse(member, text, TimestampFormat.DATE_TIME, false);
    }

    private Object query(Member member, List<String> values) {
        if (values == null) {
            return null;
        }
        Shape target = member.target();
        if (target.type() == ShapeType.LIST || target.type() == ShapeType.SET) {
            List<Object> items = new ArrayList<>();
            values.forEach(v -> items.add(parse(target.listMember(), v, TimestampFormat.DATE_TIME, false)));
            return items;
        }
        return parse(member, values.get(0), TimestampFormat.DATE_TIME, false);
    }

    /** Every query parameter, those bound by httpQuery members too, as Smithy servers collect them. */
    private Object queryParams(Member member, Map<String, List<String>> query) {
        Member value = member.target().mapValue();
        boolean lists = value.target().type() == ShapeType.LIST || value.target().type() == ShapeType.SET;
        Map<String, Object> out = new LinkedHashMap<>();
        query.forEach((name, values) ->
                out.put(name, lists ? query(value, values) : parse(value, values.get(0), TimestampFormat.DATE_TIME, false)));
        return out.isEmpty() ? null : out;
    }

    private Object header(Member member, Headers headers) {
        String name = member.traits().string("httpHeader");
        if (!headers.contains(name)) {
            return null;
        }
        String text = String.join(", ", headers.all(name));
        Shape target = member.target();
        if (target.type() == ShapeType.LIST || target.type() == ShapeType.SET) {
            Member item = target.listMember();
            boolean httpDates = item.target().type() == ShapeType.TIMESTAMP
                    && TimestampFormat.of(item, TimestampFormat.HTTP_DATE) == TimestampFormat.HTTP_DATE;
            List<Object> items = new ArrayList<>();
            HttpValues.splitHeader(text, httpDates)
                    .forEach(v -> items.add(parse(item, v, TimestampFormat.HTTP_DATE, true)));
            return items;
        }
        return parse(member, text, TimestampFormat.HTTP_DATE, true);
    }

    private Object prefixHeaders(Member member, Headers headers) {
        String prefix = member.traits().string("httpPrefixHeaders").toLowerCase(Locale.ROOT);
        Member value = member.target().mapValue();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.put(name.substring(prefix.length()),
                        parse(value, String.join(", ", headers.all(name)), TimestampFormat.HTTP_DATE, true));
            }
        }
        return out.isEmpty() ? null : out;
    }

    private Object parse(Member member, String text, TimestampFormat defaultFormat, boolean header) {
        try {
            return HttpValues.parse(member, text, defaultFormat, header);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw malformed.apply("Value '" + text + "' is not a valid " + member.target().type()
                    .name().toLowerCase(Locale.ROOT) + " for " + member.name());
        }
    }

    /** Writes the members bound to headers (httpHeader, httpPrefixHeaders). */
    public void writeHeaders(Shape structure, Map<String, Object> members, Headers headers) {
        for (Member member : structure.members().values()) {
            Object value = members.get(member.name());
            if (value == null) {
                continue;
            }
            HttpBinding binding = HttpBinding.of(member);
            if (binding == HttpBinding.HEADER) {
                headers.set(member.traits().string("httpHeader"), headerText(member, value));
            } else if (binding == HttpBinding.PREFIX_HEADERS) {
                String prefix = member.traits().string("httpPrefixHeaders");
                Member valueMember = member.target().mapValue();
                ((Map<?, ?>) value).forEach((k, v) -> headers.set(prefix + k,
                        HttpValues.format(valueMember, v, TimestampFormat.HTTP_DATE, true)));
            }
        }
    }

    private static String headerText(Member member, Object value) {
        Shape target = member.target();
        if (target.type() != ShapeType.LIST && target.type() != ShapeType.SET) {
            return HttpValues.format(member, value, TimestampFormat.HTTP_DATE, true);
        }
        Member item = target.listMember();
        List<String> items = new ArrayList<>();
        for (Object v : (List<?>) value) {
            items.add(HttpValues.format(item, v, TimestampFormat.HTTP_DATE, true));
        }
        return HttpValues.joinHeader(items, item.target().type() != ShapeType.TIMESTAMP);
    }

    /** The status an httpResponseCode member sets, or the given default. */
    public static int responseCode(Shape output, Map<String, Object> members, int defaultCode) {
        for (Member member : output.members().values()) {
            if (HttpBinding.of(member) == HttpBinding.RESPONSE_CODE && members.get(member.name()) instanceof Number n) {
                return n.intValue();
            }
        }
        return defaultCode;
    }
}
