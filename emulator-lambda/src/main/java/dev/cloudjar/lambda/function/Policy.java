package dev.cloudjar.lambda.function;

import java.util.List;
import java.util.Map;

/**
 * A function's (or one qualifier's) resource-based policy: its statements. Its RevisionId is the
 * version's or alias's own, as on Lambda.
 */
public record Policy(List<Map<String, Object>> statements) {
}
