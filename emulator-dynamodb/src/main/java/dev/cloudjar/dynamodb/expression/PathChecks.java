package dev.cloudjar.dynamodb.expression;

import java.util.List;

/** Checks on the paths of a whole UpdateExpression or ProjectionExpression once parsed. */
final class PathChecks {
    private PathChecks() {
    }

    /** No two paths may be the same or one inside the other. */
    static void requireNoOverlap(String kind, List<Path> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                Path one = paths.get(i);
                Path two = paths.get(j);
                if (one.isPrefixOf(two) || two.isPrefixOf(one)) {
                    throw ExpressionParser.error(kind,
                            "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                                    + "path one: " + one + ", path two: " + two);
                }
                if (conflict(one, two)) {
                    throw ExpressionParser.error(kind,
                            "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                                    + "path one: " + one + ", path two: " + two);
                }
            }
        }
    }

    /** Paths that agree up to a point where one indexes a list and the other names a map key. */
    private static boolean conflict(Path one, Path two) {
        int n = Math.min(one.size(), two.size());
        for (int k = 0; k < n; k++) {
            Path.Element a = one.elements().get(k);
            Path.Element b = two.elements().get(k);
            if (!a.equals(b)) {
                return a.getClass() != b.getClass();
            }
        }
        return false;
    }
}
