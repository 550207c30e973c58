package dev.cloudjar.sts;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

import java.util.List;

/** AWS Security Token Service over the query protocol. */
public final class StsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sts", "sts", Protocol.AWS_QUERY,
            "dev/cloudjar/sts/sts.json", null, List.of(), false);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        CallerIdentityOperations identity = new CallerIdentityOperations();
        operations.on("GetCallerIdentity", identity::getCallerIdentity);
        CredentialOperations temporary = new CredentialOperations(context.credentials().issuer("sts"),
                context.capabilities());
        operations.on("AssumeRole", temporary::assumeRole)
                .on("AssumeRoleWithWebIdentity", temporary::assumeRoleWithWebIdentity)
                .on("GetSessionToken", temporary::getSessionToken);
    }
}
