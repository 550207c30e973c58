package dev.cloudjar.core.spi;

import dev.cloudjar.core.model.ErrorConventions;
import dev.cloudjar.core.model.Protocol;

import java.util.List;

/**
 * How the gateway recognises a service's requests before any model is loaded.
 *
 * @param name          the service's name in configuration, health and reset (e.g. "s3")
 * @param signingName   the SigV4 credential-scope service name (e.g. "s3", "cognito-idp")
 * @param protocol      the wire protocol of its model
 * @param modelResource the classpath resource of its slim model, loaded on first request
 * @param targetPrefix  for awsJson services, the X-Amz-Target prefix before '.' (else null)
 * @param pathPrefixes  URI path prefixes that identify unsigned requests (e.g. "/2015-03-31/")
 * @param fallback      true for the one service that takes what no other claims (S3, as on AWS)
 * @param alternateProtocols other protocols the service also answers, chosen per request by its
 *                      form (awsQuery: a form post or an Action parameter without X-Amz-Target;
 *                      rpcv2Cbor: the smithy-protocol header); SQS speaks awsJson1_0 to current
 *                      SDKs and awsQuery to older ones
 * @param hostPatterns  Host names that are the service's whatever else the request says, with
 *                      {@code *} for one DNS label: {@code *.execute-api.localhost} is API
 *                      Gateway's, as {@code <api-id>.execute-api.<region>.amazonaws.com} is on AWS
 *                      (without it, S3 would read the host as a bucket)
 * @param errorConventions how the service names errors where it departs from its protocol
 */
public record ServiceDescriptor(String name, String signingName, Protocol protocol,
                                String modelResource, String targetPrefix,
                                List<String> pathPrefixes, boolean fallback,
                                List<Protocol> alternateProtocols, List<String> hostPatterns,
                                ErrorConventions errorConventions) {
    public ServiceDescriptor {
        pathPrefixes = List.copyOf(pathPrefixes);
        alternateProtocols = List.copyOf(alternateProtocols);
        hostPatterns = List.copyOf(hostPatterns);
        errorConventions = errorConventions == null ? ErrorConventions.DEFAULT : errorConventions;
    }

    /** A service that names its errors as its protocol does. */
    public ServiceDescriptor(String name, String signingName, Protocol protocol, String modelResource,
                             String targetPrefix, List<String> pathPrefixes, boolean fallback,
                             List<Protocol> alternateProtocols, List<String> hostPatterns) {
        this(name, signingName, protocol, modelResource, targetPrefix, pathPrefixes, fallback, alternateProtocols,
                hostPatterns, ErrorConventions.DEFAULT);
    }

    /** A service reached by its signing name, target prefix or path, not by a host of its own. */
    public ServiceDescriptor(String name, String signingName, Protocol protocol, String modelResource,
                             String targetPrefix, List<String> pathPrefixes, boolean fallback,
                             List<Protocol> alternateProtocols) {
        this(name, signingName, protocol, modelResource, targetPrefix, pathPrefixes, fallback, alternateProtocols,
                List.of());
    }

    /** A service that speaks only its model's protocol. */
    public ServiceDescriptor(String name, String signingName, Protocol protocol, String modelResource,
                             String targetPrefix, List<String> pathPrefixes, boolean fallback) {
        this(name, signingName, protocol, modelResource, targetPrefix, pathPrefixes, fallback, List.of(), List.of());
    }

    /** This descriptor with the service's own error conventions. */
    public ServiceDescriptor withErrorConventions(ErrorConventions conventions) {
        return new ServiceDescriptor(name, signingName, protocol, modelResource, targetPrefix, pathPrefixes, fallback,
                alternateProtocols, hostPatterns, conventions);
    }

    /** Whether the service answers requests in {@code candidate}. */
    public boolean speaks(Protocol candidate) {
        return protocol == candidate || alternateProtocols.contains(candidate);
    }
}
