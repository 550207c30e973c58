package dev.cloudjar.events.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.events.store.RuleRecord;
import dev.cloudjar.events.store.TargetRecord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives of an event ("Amazon EventBridge targets", "Transforming target input"):
 * the whole event by default; the target's constant Input as given; the value at its InputPath as
 * JSON; or its InputTransformer's template with each {@code <name>} replaced by the value at the
 * InputPathsMap's path for that name, or by one of EventBridge's reserved variables. In a JSON
 * template a string value inside the template's quotes is put in as its escaped text, and one
 * outside quotes as a JSON string ("Input transform examples": {@code "instance": <instance>}
 * becomes {@code "instance": "i-0123456789"}); any other value as JSON; in a plain-text template,
 * a string as its text. A path the event lacks gives nothing.
 */
final class TargetInput {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

    private TargetInput() {
    }

    static String body(TargetRecord target, RuleRecord rule, ObjectNode event, String ingestionTime) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            JsonNode value = JsonPaths.read(event, target.inputPath());
            return value == null ? "null" : value.toString();
        }
        if (target.inputTemplate() == null) {
            return event.toString();
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        target.inputPathsMap().forEach((name, path) -> values.put(name, JsonPaths.read(event, path)));
        values.put("aws.events.rule-arn", TextNode.valueOf(rule.arn()));
        values.put("aws.events.rule-name", TextNode.valueOf(rule.name()));
        values.put("aws.events.event.ingestion-time", TextNode.valueOf(ingestionTime));
        values.put("aws.events.event", event);
        values.put("aws.events.event.json", event);
        String template = target.inputTemplate();
        boolean json = template.trim().startsWith("{") || template.trim().startsWith("[") || template.trim().startsWith("\"");
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int scanned = 0;
        boolean inString = false;
        while (m.find()) {
            inString = insideString(template, scanned, m.start(), inString);
            scanned = m.start();
            String name = m.group(1);
            if (!values.containsKey(name)) {
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text(values.get(name), json, inString)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether position {@code to} is inside a JSON string, given whether {@code from} was: unescaped quotes toggle it. */
    private static boolean insideString(String template, int from, int to, boolean inString) {
        boolean inside = inString;
        for (int i = from; i < to; i++) {
            char c = template.charAt(i);
            if (c == '\\' && inside) {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    private static String text(JsonNode value, boolean json, boolean inString) {
        if (value == null || value.isMissingNode()) {
            return "";
        }
        if (!value.isTextual()) {
            return value.toString();
        }
        if (!json) {
            return value.asText();
        }
        if (!inString) {
            return value.toString();
        }
        String quoted = RecordJson.mapper().getNodeFactory().textNode(value.asText()).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
