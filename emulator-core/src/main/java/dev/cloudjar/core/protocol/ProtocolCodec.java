package dev.cloudjar.core.protocol;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;

/**
 * One AWS wire protocol, generic over every service that speaks it: the model says where each
 * member travels. Codecs own every wire byte; handlers never see JSON, XML, headers or status.
 */
public interface ProtocolCodec {
    Protocol protocol();

    /**
     * The operation a request targets, with the URI labels its pattern took: the only place a
     * request's path is matched against the model's patterns.
     *
     * @throws AwsException the protocol's unknown-operation error when the model has none
     */
    OperationRoute route(ServiceModel model, Request request);

    /**
     * Parses and validates the request against the routed operation's input shape.
     *
     * @throws AwsException the service's validation error, listing every violation
     */
    Input parse(ServiceModel model, OperationRoute route, Request request);

    Response write(ServiceModel model, OperationModel operation, Output output, String requestId);

    /** Renders an error; {@code operation} is null when the request failed before it was resolved. */
    Response writeError(ServiceModel model, OperationModel operation, AwsException error, String requestId);
}
