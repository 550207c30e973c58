package dev.cloudjar.core.protocol;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the operation of an HTTP-bound request (restJson1, restXml) from the http traits: method
 * and URI pattern, the most specific pattern winning when several match.
 */
public final class HttpRouter {
    private record Candidate(OperationModel operation, String method, UriPattern pattern) {
    }

    /** Patterns by model; models live as long as the server, so this never needs evicting. */
    private final Map<ServiceModel, List<Candidate>> candidates = new ConcurrentHashMap<>();

    /** The matching route, or null when no operation's method and pattern fit. */
    public OperationRoute route(ServiceModel model, Request request) {
        List<String> parts = UriPattern.pathSegments(request.rawPath());
        for (Candidate candidate : candidates.computeIfAbsent(model, HttpRouter::candidates)) {
            if (candidate.method().equalsIgnoreCase(request.method())) {
                Map<String, String> labels = candidate.pattern().match(parts, request.queryParameters());
                if (labels != null) {
                    return new OperationRoute(candidate.operation(), labels);
                }
            }
        }
        return null;
    }

    private static List<Candidate> candidates(ServiceModel model) {
        List<Candidate> list = new ArrayList<>();
        for (OperationModel op : model.operations().values()) {
            list.add(new Candidate(op, op.httpMethod(), UriPattern.parse(op.httpUri())));
        }
        list.sort(Comparator.comparing(Candidate::pattern, UriPattern::compareSpecificity));
        return List.copyOf(list);
    }
}
