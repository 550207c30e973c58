package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the operation of a REST request from the http traits: method, then URI pattern. Where
 * several match (S3's GetObject and ListParts share {@code GET /{Bucket}/{Key+}}), the most
 * specific pattern wins, and among equals the one whose required query parameters and headers the
 * request carries (ListParts needs uploadId; CopyObject needs x-amz-copy-source).
 */
final class RestXmlRoutes {
    /** Per model, parsed once; models live as long as the server, so the map stays small. */
    private final Map<ServiceModel, List<Route>> routes = new ConcurrentHashMap<>();

    Route route(ServiceModel model, Request request, boolean s3) {
        String path = path(request, s3);
        Route best = null;
        int bestScore = Integer.MIN_VALUE;
        boolean pathMatched = false;
        for (Route route : routes(model)) {
            if (route.pattern().match(path, request.queryParameters()) == null) {
                continue;
            }
            pathMatched = true;
            if (!route.operation().httpMethod().equalsIgnoreCase(request.method())) {
                continue;
            }
            int score = route.score(request);
            if (score > bestScore) {
                best = route;
                bestScore = score;
            }
        }
        if (best != null) {
            return best;
        }
        if (s3 && pathMatched) {
            throw new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
        }
        throw new AwsException(s3 ? "InvalidRequest" : "UnknownOperationException", s3 ? 400 : 404,
                "No operation matches " + request.method() + " " + request.rawPath());
    }

    /** The labels of the operation's URI pattern in this request. */
    Map<String, String> labels(ServiceModel model, OperationModel operation, Request request, boolean s3) {
        for (Route route : routes(model)) {
            if (route.operation() == operation) {
                Map<String, String> labels = route.pattern().match(path(request, s3), request.queryParameters());
                return labels == null ? Map.of() : labels;
            }
        }
        return Map.of();
    }

    private static String path(Request request, boolean s3) {
        return s3 ? S3Addressing.pathStyle(request.header("Host"), request.rawPath()) : request.rawPath();
    }

    private List<Route> routes(ServiceModel model) {
        return routes.computeIfAbsent(model, m -> {
            List<Route> list = new ArrayList<>();
            m.operations().values().forEach(op -> list.add(new Route(op, UriPattern.parse(op.httpUri()))));
            list.sort(Comparator.comparingInt((Route r) -> r.pattern().specificity()).reversed());
            return List.copyOf(list);
        });
    }

    record Route(OperationModel operation, UriPattern pattern) {
        /** Higher is a better match: specific patterns, then required bindings present, none missing. */
        int score(Request request) {
            int present = 0;
            int missing = 0;
            for (Member member : operation.input().members().values()) {
                if (!member.isRequired()) {
                    continue;
                }
                String query = member.traits().string("httpQuery");
                String header = member.traits().string("httpHeader");
                boolean carried = (query != null && request.queryParameters().containsKey(query))
                        || (header != null && request.headers().contains(header));
                if (query != null || header != null) {
                    if (carried) {
                        present++;
                    } else {
                        missing++;
                    }
                }
            }
            return (missing == 0 ? 1_000_000 : 0) + pattern.specificity() * 10 + present;
        }
    }
}
