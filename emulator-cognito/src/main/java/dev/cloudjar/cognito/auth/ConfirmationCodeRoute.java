package dev.cloudjar.cognito.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.cognito.userpool.UserPoolStore;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /_cloudjar/cognito/confirmation-codes/<userPoolId>/<username>}: the code Cognito
 * would have e-mailed (sign-up or forgotten password), since the emulator sends no mail.
 * Answers {"UserPoolId", "Username", "ConfirmationCode", "Purpose", "ExpiresAt"} or 404.
 */
public final class ConfirmationCodeRoute {
    private static final Pattern PATH = Pattern.compile("^/_cloudjar/cognito/confirmation-codes/([\\w-]+_[0-9a-zA-Z]+)/([^/]+)$");

    private final UserPoolStore store;

    public ConfirmationCodeRoute(UserPoolStore store) {
        this.store = store;
    }

    public RawRoute route() {
        return new RawRoute("Cognito confirmation codes",
                r -> r.method().equals("GET") && PATH.matcher(r.rawPath()).matches(), this::handle);
    }

    private Response handle(Request request) throws JsonProcessingException {
        Matcher m = PATH.matcher(request.rawPath());
        if (!m.matches()) {
            return notFound();
        }
        String poolId = m.group(1);
        String username = Request.decode(m.group(2));
        Optional<Scope> scope = store.locatePool(poolId);
        Optional<UserPool> pool = scope.flatMap(s -> store.pool(s, poolId));
        Optional<User> user = pool.flatMap(p -> store.userBySignInName(scope.get(), p, username));
        if (user.isEmpty() || user.get().code() == null) {
            return notFound();
        }
        User.PendingCode code = user.get().code();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("UserPoolId", poolId);
        body.put("Username", user.get().username());
        body.put("ConfirmationCode", code.code());
        body.put("Purpose", code.purpose());
        body.put("ExpiresAt", Instant.ofEpochMilli(code.expiresAt()).toString());
        return Response.of(200, "application/json", RecordJson.mapper().writeValueAsBytes(body));
    }

    private static Response notFound() {
        return Response.of(404, "application/json",
                "{\"message\":\"No pending code for this user\"}".getBytes(StandardCharsets.UTF_8));
    }
}
