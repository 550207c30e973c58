package dev.cloudjar.cognito.identity;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Create/Describe/List/Update/DeleteIdentityPool, SetIdentityPoolRoles, GetIdentityPoolRoles. */
public final class IdentityPoolOperations {
    private static final List<String> SETTINGS = List.of("AllowUnauthenticatedIdentities", "AllowClassicFlow",
            "SupportedLoginProviders", "DeveloperProviderName", "OpenIdConnectProviderARNs", "CognitoIdentityProviders",
            "SamlProviderARNs", "IdentityPoolTags");

    private final IdentityStore store;

    public IdentityPoolOperations(IdentityStore store) {
        this.store = store;
    }

    public void register(OperationTable table) {
        table.on("CreateIdentityPool", this::createIdentityPool)
                .on("DescribeIdentityPool", this::describeIdentityPool)
                .on("ListIdentityPools", this::listIdentityPools)
                .on("UpdateIdentityPool", this::updateIdentityPool)
                .on("DeleteIdentityPool", this::deleteIdentityPool)
                .on("SetIdentityPoolRoles", this::setIdentityPoolRoles)
                .on("GetIdentityPoolRoles", this::getIdentityPoolRoles);
    }

    Output createIdentityPool(RequestContext context, Input input) {
        IdentityPool pool = new IdentityPool(context.region() + ":" + UUID.randomUUID(),
                input.string("IdentityPoolName"), settings(input), Map.of(), Map.of());
        store.savePool(context.scope(), pool);
        return identityPool(pool);
    }

    Output describeIdentityPool(RequestContext context, Input input) {
        return identityPool(pool(context, input.string("IdentityPoolId")));
    }

    Output listIdentityPools(RequestContext context, Input input) {
        int max = input.integer("MaxResults");
        List<IdentityPool> pools = store.listPools(context.scope(), input.string("NextToken"), max + 1);
        List<Map<String, Object>> out = pools.stream().limit(max)
                .map(p -> Map.<String, Object>of("IdentityPoolId", p.identityPoolId(), "IdentityPoolName", p.identityPoolName()))
                .toList();
        return Output.of("IdentityPools", out)
                .put("NextToken", pools.size() > max ? pools.get(max - 1).identityPoolId() : null);
    }

    Output updateIdentityPool(RequestContext context, Input input) {
        IdentityPool pool = pool(context, input.string("IdentityPoolId"));
        IdentityPool updated = new IdentityPool(pool.identityPoolId(), input.string("IdentityPoolName"),
                settings(input), pool.roles(), pool.roleMappings());
        store.savePool(context.scope(), updated);
        return identityPool(updated);
    }

    Output deleteIdentityPool(RequestContext context, Input input) {
        store.deletePool(context.scope(), pool(context, input.string("IdentityPoolId")).identityPoolId());
        return Output.empty();
    }

    @SuppressWarnings("unchecked")
    Output setIdentityPoolRoles(RequestContext context, Input input) {
        IdentityPool pool = pool(context, input.string("IdentityPoolId"));
        Map<String, String> roles = new LinkedHashMap<>();
        input.map("Roles").forEach((type, arn) -> roles.put(type, arn.toString()));
        Map<String, Object> mappings = input.has("RoleMappings") ? input.map("RoleMappings") : Map.of();
        for (Object mapping : mappings.values()) {
            Map<String, Object> m = (Map<String, Object>) mapping;
            if ("Token".equals(m.get("Type")) && m.get("AmbiguousRoleResolution") == null) {
                throw CognitoErrors.invalidParameter("AmbiguousRoleResolution must be specified for Token type role mapping.");
            }
        }
        store.savePool(context.scope(), pool.withRoles(roles, mappings));
        return Output.empty();
    }

    Output getIdentityPoolRoles(RequestContext context, Input input) {
        IdentityPool pool = pool(context, input.string("IdentityPoolId"));
        return Output.of("IdentityPoolId", pool.identityPoolId())
                .put("Roles", pool.roles())
                .put("RoleMappings", pool.roleMappings().isEmpty() ? null : pool.roleMappings());
    }

    private IdentityPool pool(RequestContext context, String poolId) {
        return store.pool(context.scope(), poolId).orElseThrow(() ->
                CognitoErrors.resourceNotFound("IdentityPool '" + poolId + "' not found."));
    }

    private static Map<String, Object> settings(Input input) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String member : SETTINGS) {
            if (input.has(member)) {
                settings.put(member, input.get(member));
            }
        }
        return settings;
    }

    private static Output identityPool(IdentityPool pool) {
        Output out = Output.of("IdentityPoolId", pool.identityPoolId()).put("IdentityPoolName", pool.identityPoolName());
        pool.settings().forEach(out::put);
        return out;
    }
}
