package dev.cloudjar.apigateway.execute;

import dev.cloudjar.apigateway.store.MethodRecord;
import dev.cloudjar.apigateway.store.ResourceRecord;
import dev.cloudjar.core.http.Request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a request path against a deployment's resources as API Gateway does: a literal path part
 * before a {variable}, a {variable} before a greedy {variable+} (which takes one or more parts and
 * is last), and the method itself before ANY.
 */
final class Routes {
    /** The resource and method a request reaches, with its path parameters (decoded). */
    record Match(ResourceRecord resource, MethodRecord method, Map<String, String> pathParameters) {
    }

    private Routes() {
    }

    /** The match for a path (without the stage, starting with '/'), or null: API Gateway's "Missing Authentication Token". */
    static Match match(List<ResourceRecord> resources, String httpMethod, String rawPath) {
        String[] segments = segments(rawPath);
        List<Candidate> candidates = new ArrayList<>();
        for (ResourceRecord resource : resources) {
            Candidate candidate = candidate(resource, segments);
            if (candidate != null) {
                candidates.add(candidate);
            }
        }
        candidates.sort(Comparator.comparing(Candidate::rank, Routes::compareRanks));
        for (Candidate candidate : candidates) {
            MethodRecord method = candidate.resource.methods().get(httpMethod);
            if (method == null) {
                method = candidate.resource.methods().get("ANY");
            }
            if (method != null) {
                return new Match(candidate.resource, method, candidate.parameters);
            }
        }
        return null;
    }

    /** How a resource matched: per path part 0 literal, 1 variable, 2 greedy; lower is more specific. */
    private record Candidate(ResourceRecord resource, int[] rank, Map<String, String> parameters) {
    }

    private static Candidate candidate(ResourceRecord resource, String[] segments) {
        String[] template = segments(resource.path());
        Map<String, String> parameters = new LinkedHashMap<>();
        int[] rank = new int[template.length];
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= segments.length) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (int j = i; j < segments.length; j++) {
                    rest.add(Request.decode(segments[j].replace("+", "%2B")));
                }
                parameters.put(part.substring(1, part.length() - 2), String.join("/", rest));
                rank[i] = 2;
                return new Candidate(resource, rank, parameters);
            }
            if (i >= segments.length) {
                return null;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                parameters.put(part.substring(1, part.length() - 1), Request.decode(segments[i].replace("+", "%2B")));
                rank[i] = 1;
            } else if (!part.equals(Request.decode(segments[i].replace("+", "%2B")))) {
                return null;
            }
        }
        return template.length == segments.length ? new Candidate(resource, rank, parameters) : null;
    }

    private static int compareRanks(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(b.length, a.length);
    }

    /** The non-empty parts of a path; "/" has none. */
    private static String[] segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
