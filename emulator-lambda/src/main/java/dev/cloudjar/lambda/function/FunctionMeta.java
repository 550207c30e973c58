package dev.cloudjar.lambda.function;

import java.util.Map;

/** What belongs to a function rather than to one of its versions: the last version number and tags. */
public record FunctionMeta(long lastVersion, Map<String, String> tags) {
}
