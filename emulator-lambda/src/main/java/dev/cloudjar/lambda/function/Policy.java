package dev.cloudjar.lambda.function;

import java.util.List;
import java.util.Map;

/** A function's (or one qualifier's) resource-based policy: its statements and revision. */
public record Policy(List<Map<String, Object>> statements, String revisionId) {
}
