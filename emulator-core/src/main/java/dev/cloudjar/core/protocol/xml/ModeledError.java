package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * An error as the wire shows it: the code, the HTTP status and, when the model declares the error,
 * its shape (whose members are the extra fields of the error body).
 *
 * @param shape the error structure, or null for an error the model does not declare
 */
record ModeledError(String code, int status, Shape shape) {

    /**
     * Finds the thrown error among the operation's and the service's errors, by shape name or by
     * the awsQueryError code. The model's status wins over the thrown one, as clients rely on it.
     */
    static ModeledError of(ServiceModel model, OperationModel operation, AwsException error) {
        List<Shape> candidates = new ArrayList<>(model.errors());
        if (operation != null) {
            candidates.addAll(0, operation.errors());
        }
        for (Shape shape : candidates) {
            String queryCode = shape.traits().string("aws.protocols#awsQueryError", "code");
            if (shape.name().equals(error.code()) || error.code().equals(queryCode)) {
                return new ModeledError(queryCode != null ? queryCode : shape.name(), status(shape, error), shape);
            }
        }
        return new ModeledError(error.code(), error.status(), null);
    }

    private static int status(Shape shape, AwsException error) {
        String queryStatus = shape.traits().string("aws.protocols#awsQueryError", "httpResponseCode");
        if (queryStatus != null) {
            return Integer.parseInt(queryStatus);
        }
        String httpError = shape.traits().string("httpError");
        return httpError != null ? Integer.parseInt(httpError) : error.status();
    }

    /** "Sender" for a client fault, "Receiver" for a server fault, as the XML error bodies name them. */
    String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
