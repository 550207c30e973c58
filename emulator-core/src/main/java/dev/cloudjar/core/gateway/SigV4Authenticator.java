package dev.cloudjar.core.gateway;

import dev.cloudjar.core.auth.AuthResult;
import dev.cloudjar.core.auth.CredentialScope;
import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.auth.SigV4Verifier;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;

import java.time.Clock;

/** The gateway's authentication step: SigV4 and SigV4a as {@link SigV4Verifier} checks them. */
public final class SigV4Authenticator implements Authenticator {
    private final SigV4Verifier verifier;

    public SigV4Authenticator(CredentialStore credentials, Clock clock, boolean verifySignatures) {
        this.verifier = new SigV4Verifier(credentials, clock, verifySignatures);
    }

    @Override
    public String signingService(Request request) {
        return SigV4Verifier.peekScope(request).map(CredentialScope::service).orElse(null);
    }

    @Override
    public Caller authenticate(Request request, Protocol protocol) {
        AuthResult result = verifier.verify(request, protocol);
        return new Caller(result.principal(), result.region());
    }
}
