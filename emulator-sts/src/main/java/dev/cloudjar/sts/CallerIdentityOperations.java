package dev.cloudjar.sts;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.RequestContext;

/** GetCallerIdentity: who the request's credentials belong to. */
final class CallerIdentityOperations {

    /**
     * For a root key AWS answers UserId = the account id and Arn = arn:aws:iam::ACCOUNT:root; for
     * temporary credentials the assumed-role ARN and "ROLEID:session" — both are carried by the
     * principal that SigV4 verification established.
     */
    Output getCallerIdentity(RequestContext context, Input input) {
        Principal principal = context.principal();
        return Output.empty()
                .put("UserId", principal.userId())
                .put("Account", principal.accountId())
                .put("Arn", principal.arn());
    }
}
