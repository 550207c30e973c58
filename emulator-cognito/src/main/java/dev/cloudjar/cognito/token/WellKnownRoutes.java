package dev.cloudjar.cognito.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.jwk.JWKSet;
import dev.cloudjar.cognito.userpool.SigningKey;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.RecordJson;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An issuer's OpenID discovery document and JWKS, at {@code <issuer>/.well-known/openid-configuration}
 * and {@code <issuer>/.well-known/jwks.json}, so JWT libraries find the keys from the issuer alone.
 */
public final class WellKnownRoutes {
    private final Pattern path;
    private final Function<String, Optional<SigningKey>> keyOfIssuer;
    private final SigningKeys keys;

    /**
     * @param issuerPath  the pattern of the issuer's path segment (a pool id, or "cognito-identity")
     * @param keyOfIssuer the signing key of the issuer named by that segment, if it exists
     */
    public WellKnownRoutes(String issuerPath, Function<String, Optional<SigningKey>> keyOfIssuer, SigningKeys keys) {
        this.path = Pattern.compile("^/(" + issuerPath + ")/\\.well-known/(jwks\\.json|openid-configuration)$");
        this.keyOfIssuer = keyOfIssuer;
        this.keys = keys;
    }

    public List<RawRoute> routes() {
        return List.of(new RawRoute("OpenID discovery and JWKS", this::matches, this::handle));
    }

    private boolean matches(Request request) {
        return request.method().equals("GET") && path.matcher(request.rawPath()).matches();
    }

    private Response handle(Request request) throws JsonProcessingException {
        Matcher m = path.matcher(request.rawPath());
        if (!m.matches()) {
            return notFound();
        }
        Optional<SigningKey> key = keyOfIssuer.apply(m.group(1));
        if (key.isEmpty()) {
            return notFound();
        }
        if (m.group(2).equals("jwks.json")) {
            String jwks = new JWKSet(keys.publicJwk(key.get())).toString(true);
            return Response.of(200, "application/json", jwks.getBytes(StandardCharsets.UTF_8));
        }
        String host = request.header("Host");
        String issuer = "http://" + (host == null ? "localhost" : host) + "/" + m.group(1);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("response_types_supported", List.of("code", "token"));
        document.put("scopes_supported", List.of("openid", "email", "phone", "profile"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return Response.of(200, "application/json", RecordJson.mapper().writeValueAsBytes(document));
    }

    private static Response notFound() {
        return Response.of(404, "application/json",
                "{\"message\":\"Resource not found\"}".getBytes(StandardCharsets.UTF_8));
    }
}
