package dev.cloudjar.core.spi;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;

import java.util.function.Predicate;

/**
 * An HTTP endpoint outside the AWS protocols, served on the same port without SigV4: the Lambda
 * Runtime API, Cognito's JWKS and OpenID documents. Handlers run off the event loop.
 */
public record RawRoute(String description, Predicate<Request> matches, Handler handler) {
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }
}
