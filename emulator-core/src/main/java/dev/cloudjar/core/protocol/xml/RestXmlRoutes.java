package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.protocol.UriPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the operation of a restXml request from the http traits, with S3's routing rules on top
 * of the shared {@link UriPattern}s: the bucket may come from the Host header; {@code x-id} in a
 * pattern is a hint S3 and most SDKs never send; a key keeps its trailing slash; and where several
 * operations share a pattern (GetObject and ListParts on {@code GET /{Bucket}/{Key+}}), the one
 * whose required query parameters and headers the request carries wins (ListParts needs uploadId,
 * CopyObject needs x-amz-copy-source).
 */
final class RestXmlRoutes {
    private static final String X_ID = "x-id";
    private static final Pattern X_ID_PARAM = Pattern.compile("[?&]x-id=([^&]*)");
    private static final Pattern GREEDY_LABEL = Pattern.compile("\\{(\\w+)\\+}");

    /**
     * One operation's route, with what matching reads of its model resolved once: its method, and
     * the query parameters and headers its required members are bound to.
     */
    private record Route(OperationModel operation, String method, UriPattern pattern, String xId, String greedyLabel,
                         List<String> requiredQuery, List<String> requiredHeaders) {
        static Route of(OperationModel operation, UriPattern pattern, String xId, String greedyLabel) {
            List<String> query = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            for (Member member : operation.input().members().values()) {
                String name = member.traits().string("httpQuery");
                String header = member.traits().string("httpHeader");
                if (!member.isRequired()) {
                    continue;
                }
                if (name != null) {
                    query.add(name);
                } else if (header != null) {
                    headers.add(header);
                }
            }
            return new Route(operation, operation.httpMethod(), pattern, xId, greedyLabel, List.copyOf(query),
                    List.copyOf(headers));
        }
    }

    /** Per model, parsed once and in specificity order; models live as long as the server, so the map stays small. */
    private final Map<ServiceModel, List<Route>> routes = new ConcurrentHashMap<>();

    OperationRoute route(ServiceModel model, Request request, boolean s3) {
        String path = s3 ? S3Addressing.pathStyle(request.header("Host"), request.rawPath()) : request.rawPath();
        Route best = null;
        Map<String, String> bestLabels = null;
        List<String> parts = UriPattern.pathSegments(path);
        // Only routes of the request's method are matched: an object's path matches every object
        // operation, and binding its labels for each was a tenth of what a GetObject allocated.
        for (Route route : routes(model)) {
            if (!route.method().equalsIgnoreCase(request.method())) {
                continue;
            }
            Map<String, String> labels = labels(route, path, parts, request);
            if (labels != null && better(route, best, request)) {
                best = route;
                bestLabels = labels;
            }
        }
        if (best != null) {
            if (s3 && requiredBindings(best, request)[1] > 0) {
                // S3 dispatches by subresource: a POST to an object without ?uploads, ?uploadId, ?restore or
                // ?select is no operation at all (CompleteMultipartUpload only shares its path), and S3 says so.
                // Only object operations have required query or header bindings in S3's model.
                throw new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
                        .with("Method", request.method()).with("ResourceType", "OBJECT");
            }
            return new OperationRoute(best.operation(), bestLabels);
        }
        if (s3 && routes(model).stream().anyMatch(route -> labels(route, path, parts, request) != null)) {
            throw new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
        }
        throw new AwsException(s3 ? "InvalidRequest" : "UnknownOperationException", s3 ? 400 : 404,
                "No operation matches " + request.method() + " " + request.rawPath());
    }

    private static Map<String, String> labels(Route route, String path, List<String> parts, Request request) {
        String sentXId = request.queryParameter(X_ID);
        if (sentXId != null && route.xId() != null && !route.xId().equals(sentXId)) {
            return null;
        }
        Map<String, String> labels = route.pattern().match(parts, request.queryParameters());
        if (labels != null && route.greedyLabel() != null && path.endsWith("/") && labels.containsKey(route.greedyLabel())) {
            // S3 keys may end in '/', which the shared pattern treats as insignificant.
            labels.put(route.greedyLabel(), labels.get(route.greedyLabel()) + "/");
        }
        return labels;
    }

    /** Routes are in specificity order, so a later route wins only by carrying more of its required bindings. */
    private static boolean better(Route candidate, Route best, Request request) {
        if (best == null) {
            return true;
        }
        int[] candidateBindings = requiredBindings(candidate, request);
        int[] bestBindings = requiredBindings(best, request);
        if ((candidateBindings[1] == 0) != (bestBindings[1] == 0)) {
            return candidateBindings[1] == 0;
        }
        return candidate.pattern().compareSpecificity(best.pattern()) == 0 && candidateBindings[0] > bestBindings[0];
    }

    /** How many of the operation's required query and header members the request carries, and lacks. */
    private static int[] requiredBindings(Route route, Request request) {
        int present = 0;
        for (String query : route.requiredQuery()) {
            if (request.queryParameters().containsKey(query)) {
                present++;
            }
        }
        for (String header : route.requiredHeaders()) {
            if (request.headers().contains(header)) {
                present++;
            }
        }
        return new int[]{present, route.requiredQuery().size() + route.requiredHeaders().size() - present};
    }

    private List<Route> routes(ServiceModel model) {
        return routes.computeIfAbsent(model, m -> {
            List<Route> list = new ArrayList<>();
            for (OperationModel operation : m.operations().values()) {
                String uri = operation.httpUri();
                Matcher xId = X_ID_PARAM.matcher(uri);
                String withoutXId = uri.replaceAll("([?&])x-id=[^&]*&?", "$1").replaceAll("[?&]$", "");
                Matcher greedy = GREEDY_LABEL.matcher(uri);
                list.add(Route.of(operation, UriPattern.parse(withoutXId), xId.find() ? xId.group(1) : null,
                        greedy.find() ? greedy.group(1) : null));
            }
            list.sort((a, b) -> a.pattern().compareSpecificity(b.pattern()));
            return List.copyOf(list);
        });
    }
}
