package dev.cloudjar.lambda.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.alias.Alias;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AddPermission, RemovePermission and GetPolicy: a function's resource-based policy, per qualifier. */
public final class PolicyOperations {

    private final LambdaStore store;

    public PolicyOperations(LambdaStore store) {
        this.store = store;
    }

    public Output addPermission(RequestContext context, Input input) {
        synchronized (store.writeLock()) {
            Scope scope = context.scope();
            FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
            if (FunctionConfiguration.LATEST.equals(ref.qualifier())) {
                throw LambdaErrors.invalidParameter("We currently do not support adding policies for $LATEST.");
            }
            requireTarget(scope, ref);
            String key = RecordTable.key(ref.name(), ref.qualifierOrLatest());
            Policy policy = store.policies.get(scope, key).orElse(new Policy(List.of()));
            FunctionOperations.requireRevision(input.string("RevisionId"), revisionId(scope, ref));
            String sid = input.string("StatementId");
            if (policy.statements().stream().anyMatch(s -> sid.equals(s.get("Sid")))) {
                throw LambdaErrors.conflict("The statement id (" + sid + ") provided already exists. "
                        + "Please provide a new statement id, or remove the existing statement.");
            }
            Map<String, Object> statement = statement(input, ref.arn(scope));
            List<Map<String, Object>> statements = new ArrayList<>(policy.statements());
            statements.add(statement);
            store.policies.put(scope, key, new Policy(statements));
            touch(scope, ref);
            return Output.of("Statement", json(statement));
        }
    }

    /** The IAM statement Lambda writes for a permission. */
    private static Map<String, Object> statement(Input input, String resource) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", input.string("StatementId"));
        statement.put("Effect", "Allow");
        String principal = input.string("Principal");
        statement.put("Principal", principal.endsWith(".amazonaws.com") ? Map.of("Service", principal)
                : Map.of("AWS", principal.matches("\\d{12}") ? Arn.global("iam", principal, "root").toString() : principal));
        statement.put("Action", input.string("Action"));
        statement.put("Resource", resource);
        Map<String, Object> condition = new LinkedHashMap<>();
        if (input.has("SourceAccount")) {
            condition.put("StringEquals", Map.of("AWS:SourceAccount", input.string("SourceAccount")));
        }
        if (input.has("SourceArn")) {
            condition.put("ArnLike", Map.of("AWS:SourceArn", input.string("SourceArn")));
        }
        if (!condition.isEmpty()) {
            statement.put("Condition", condition);
        }
        return statement;
    }

    public Output removePermission(RequestContext context, Input input) {
        synchronized (store.writeLock()) {
            Scope scope = context.scope();
            FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
            requireTarget(scope, ref);
            String key = RecordTable.key(ref.name(), ref.qualifierOrLatest());
            String sid = input.string("StatementId");
            Policy policy = store.policies.get(scope, key).orElseThrow(
                    () -> LambdaErrors.resourceNotFound("No policy is associated with the given resource."));
            List<Map<String, Object>> remaining = policy.statements().stream()
                    .filter(s -> !sid.equals(s.get("Sid"))).toList();
            if (remaining.size() == policy.statements().size()) {
                throw LambdaErrors.resourceNotFound("Statement " + sid + " is not found in resource policy.");
            }
            FunctionOperations.requireRevision(input.string("RevisionId"), revisionId(scope, ref));
            if (remaining.isEmpty()) {
                store.policies.delete(scope, key);
            } else {
                store.policies.put(scope, key, new Policy(remaining));
            }
            touch(scope, ref);
            return Output.empty();
        }
    }

    public Output getPolicy(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
        store.resolve(scope, ref);
        Policy policy = store.policies.get(scope, RecordTable.key(ref.name(), ref.qualifierOrLatest()))
                .orElseThrow(() -> LambdaErrors.resourceNotFound("The resource you requested does not exist."));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Id", "default");
        document.put("Statement", policy.statements());
        return Output.of("Policy", json(document)).put("RevisionId", revisionId(scope, ref));
    }

    /** The version or alias a permission is added to or removed from; a missing alias is named as Lambda names it. */
    private void requireTarget(Scope scope, FunctionRef ref) {
        String qualifier = ref.qualifierOrLatest();
        boolean alias = !FunctionConfiguration.LATEST.equals(qualifier) && !LambdaStore.isVersionNumber(qualifier);
        if (alias && store.latest(scope, ref.name()).isPresent()
                && store.aliases.get(scope, RecordTable.key(ref.name(), qualifier)).isEmpty()) {
            throw LambdaErrors.resourceNotFound("Cannot find alias arn: " + ref.arn(scope));
        }
        store.resolve(scope, ref);
    }

    /** The RevisionId a policy answers with and is changed against: its alias's, else its version's. */
    private String revisionId(Scope scope, FunctionRef ref) {
        String qualifier = ref.qualifierOrLatest();
        return store.aliases.get(scope, RecordTable.key(ref.name(), qualifier)).map(Alias::revisionId)
                .orElseGet(() -> store.resolve(scope, ref).revisionId());
    }

    /** Changing a policy gives its alias or version a new RevisionId, as Lambda does. */
    private void touch(Scope scope, FunctionRef ref) {
        String qualifier = ref.qualifierOrLatest();
        String aliasKey = RecordTable.key(ref.name(), qualifier);
        Optional<Alias> alias = store.aliases.get(scope, aliasKey);
        if (alias.isPresent()) {
            Alias a = alias.get();
            store.aliases.put(scope, aliasKey, new Alias(a.functionName(), a.name(), a.functionVersion(), a.description(),
                    a.additionalVersionWeights(), LambdaStore.newRevisionId()));
            return;
        }
        FunctionConfiguration version = store.resolve(scope, ref);
        store.versions.put(scope, LambdaStore.versionKey(ref.name(), version.version()),
                version.withVersion(version.version(), LambdaStore.newRevisionId(), version.lastModified()));
    }

    private static String json(Object value) {
        try {
            return RecordJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
