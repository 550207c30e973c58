package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.cbor.RpcV2CborCodec;
import dev.cloudjar.core.protocol.cbor.RpcV2Path;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Decides which service a request is for, in the order AWS's own front ends make it knowable
 * (after {@link HostRouting}): the SigV4 credential scope, the X-Amz-Target header, rpcv2Cbor's
 * {@code /service/{serviceName}/operation/{operationName}} path, a service's path prefix, the
 * query protocol's Action, and finally the fallback service (S3, which owns bare paths and virtual
 * hosts such as {@code bucket.localhost}).
 */
final class ServiceRouter {
    private final List<ServiceRuntime> services;
    private final Authenticator authenticator;

    ServiceRouter(List<ServiceRuntime> services, Authenticator authenticator) {
        this.services = List.copyOf(services);
        this.authenticator = authenticator;
    }

    /**
     * The service for a request, or null. A form body is read for the query protocol's Action;
     * before it has arrived, a form post that nothing else routes gets null (undecided) rather
     * than the fallback.
     */
    ServiceRuntime route(Request request, boolean bodyArrived) {
        String signing = authenticator.signingService(request);
        String target = targetPrefix(request);
        if (signing != null) {
            // Several services can share a signing name (DynamoDB and DynamoDB Streams both sign
            // as "dynamodb"); the X-Amz-Target prefix tells them apart.
            ServiceRuntime bySigningName = null;
            for (ServiceRuntime s : services) {
                if (s.descriptor().signingName().equals(signing)) {
                    if (target == null || target.equals(s.descriptor().targetPrefix())) {
                        return s;
                    }
                    bySigningName = bySigningName == null ? s : bySigningName;
                }
            }
            return bySigningName;
        }
        if (target != null) {
            for (ServiceRuntime s : services) {
                if (target.equals(s.descriptor().targetPrefix())) {
                    return s;
                }
            }
            return null;
        }
        RpcV2Path rpcV2 = rpcV2Path(request);
        if (rpcV2 != null) {
            // Only a service that speaks the protocol has its model loaded to compare names.
            for (ServiceRuntime s : services) {
                if (s.descriptor().speaks(Protocol.RPC_V2_CBOR) && rpcV2.names(s.model())) {
                    return s;
                }
            }
            return null;
        }
        for (ServiceRuntime s : services) {
            for (String pathPrefix : s.descriptor().pathPrefixes()) {
                if (request.rawPath().startsWith(pathPrefix)) {
                    return s;
                }
            }
        }
        String action = queryAction(request, bodyArrived);
        if (action == null && !bodyArrived && isForm(request)) {
            return null;
        }
        if (action != null) {
            for (ServiceRuntime s : services) {
                if (s.descriptor().speaks(Protocol.AWS_QUERY) && s.model().operation(action) != null) {
                    return s;
                }
            }
            // A query action no service has is not S3's either (S3 has no Action parameter).
            return null;
        }
        return fallback();
    }

    /**
     * The protocol a request to {@code service} speaks: one the service speaks when the request
     * has its form, else the service's own. rpcv2Cbor names itself in a header, which CloudWatch's
     * clients of three protocols need; awsQuery is a form post or an Action parameter without
     * X-Amz-Target, which SQS's two generations of clients need.
     */
    static Protocol protocol(ServiceRuntime service, Request request) {
        if (service.descriptor().speaks(Protocol.RPC_V2_CBOR) && RpcV2CborCodec.declares(request)) {
            return Protocol.RPC_V2_CBOR;
        }
        if (service.descriptor().alternateProtocols().contains(Protocol.AWS_QUERY)
                && request.header("X-Amz-Target") == null
                && (isForm(request) || request.queryParameter("Action") != null)) {
            return Protocol.AWS_QUERY;
        }
        return service.protocol();
    }

    /**
     * The protocol a request speaks when no service answers it, by its form alone: an
     * X-Amz-Target is awsJson, a form post or an Action parameter awsQuery, anything else the
     * REST form S3 is the fallback for.
     */
    static Protocol protocolWithoutService(Request request) {
        if (request.header("X-Amz-Target") != null) {
            return String.valueOf(request.header("Content-Type")).contains("1.1")
                    ? Protocol.AWS_JSON_1_1 : Protocol.AWS_JSON_1_0;
        }
        if (isForm(request) || request.queryParameter("Action") != null) {
            return Protocol.AWS_QUERY;
        }
        return Protocol.REST_XML;
    }

    /** What a request that no service answers names, for the error that says Cloudjar lacks it. */
    String describeUnrouted(Request request) {
        String signing = authenticator.signingService(request);
        String service = signing == null ? "" : " service '" + signing + "'";
        String target = request.header("X-Amz-Target");
        if (target != null) {
            return "Cloudjar does not emulate" + service + " " + target + ".";
        }
        String action = queryAction(request, true);
        if (action != null) {
            return "Cloudjar does not emulate" + service + " action " + action + ".";
        }
        return "Cloudjar does not emulate" + (service.isEmpty() ? " any service that answers" : service + ":")
                + " " + request.method() + " " + request.rawPath() + ".";
    }

    private static boolean isForm(Request request) {
        return String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }

    /** The service and operation of a request that declares rpcv2Cbor and has its path, else null. */
    private static RpcV2Path rpcV2Path(Request request) {
        return RpcV2CborCodec.declares(request) ? RpcV2Path.of(request.rawPath()) : null;
    }

    private static String targetPrefix(Request request) {
        String target = request.header("X-Amz-Target");
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    ServiceRuntime fallback() {
        for (ServiceRuntime s : services) {
            if (s.descriptor().fallback()) {
                return s;
            }
        }
        return null;
    }

    private static String queryAction(Request request, boolean bodyArrived) {
        String action = request.queryParameter("Action");
        if (action != null) {
            return action;
        }
        if (bodyArrived && isForm(request) && request.body().isBuffered()) {
            List<String> values = Request.parseQuery(new String(request.body().bytes(), StandardCharsets.UTF_8))
                    .get("Action");
            return values == null || values.isEmpty() ? null : values.get(0);
        }
        return null;
    }
}
