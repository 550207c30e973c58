package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;

import java.util.List;

/**
 * A valid request for one operation, as a client marshals it before signing: what the generator
 * starts from. {@code encodedPath} is already percent-encoded; query values are not.
 */
record Seed(String operation, Protocol protocol, String signingName, String method, String encodedPath,
            List<Draft.Pair> query, List<Draft.Pair> headers, byte[] body) {

    Seed {
        query = List.copyOf(query);
        headers = List.copyOf(headers);
        body = body.clone();
    }

    Draft draft() {
        return new Draft(this);
    }

    @Override
    public String toString() {
        return protocol + " " + signingName + " " + operation;
    }
}
