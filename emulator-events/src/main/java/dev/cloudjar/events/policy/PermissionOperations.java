package dev.cloudjar.events.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;

import java.io.IOException;

/**
 * PutPermission and RemovePermission: a bus's resource policy, either given whole (Policy) or
 * built a statement at a time as EventBridge builds it ("Permissions for Amazon EventBridge event
 * buses"): {@code {"Sid", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<account>:root"}
 * or "*", "Action", "Resource": <bus ARN>, "Condition": {<Type>: {<Key>: <Value>}}}}. Stored and
 * shown by DescribeEventBus; not enforced.
 */
public final class PermissionOperations {
    private static final String PUT_EVENTS = "events:PutEvents";

    private final EventsStore store;
    private final BusPolicies policies;

    public PermissionOperations(EventsStore store, BusPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    public Output putPermission(RequestContext context, Input input) {
        Scope scope = context.scope();
        String busName = Buses.name(input.string("EventBusName"));
        String policy = input.string("Policy");
        ObjectNode statement = policy == null ? statement(scope, busName, input) : null;
        if (policy != null) {
            parse(policy);
        }
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            requireBus(scope, busName);
            if (policy != null) {
                policies.put(scope, busName, policy);
                return Output.empty();
            }
            ObjectNode document = policies.policy(scope, busName).map(PermissionOperations::parse).orElseGet(() -> {
                ObjectNode empty = RecordJson.mapper().createObjectNode();
                empty.put("Version", "2012-10-17");
                empty.putArray("Statement");
                return empty;
            });
            ArrayNode statements = statements(document);
            // A statement id already there is replaced, in place.
            int at = indexOf(statements, statement.path("Sid").asText());
            if (at >= 0) {
                statements.set(at, statement);
            } else {
                statements.add(statement);
            }
            policies.put(scope, busName, document.toString());
        }
        return Output.empty();
    }

    /** Removes one statement by id, or the whole policy; the last statement removed takes the policy with it. */
    public Output removePermission(RequestContext context, Input input) {
        Scope scope = context.scope();
        String busName = Buses.name(input.string("EventBusName"));
        boolean all = Boolean.TRUE.equals(input.bool("RemoveAllPermissions"));
        String id = input.string("StatementId");
        if (!all && id == null) {
            throw EventsErrors.validation("Parameter StatementId must be specified.");
        }
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            requireBus(scope, busName);
            if (all) {
                policies.delete(scope, busName);
                return Output.empty();
            }
            ObjectNode document = policies.policy(scope, busName).map(PermissionOperations::parse).orElseThrow(() ->
                    EventsErrors.resourceNotFoundMessage("EventBus does not have a policy."));
            ArrayNode statements = statements(document);
            int at = indexOf(statements, id);
            if (at < 0) {
                throw EventsErrors.resourceNotFoundMessage("Statement with the provided id does not exist.");
            }
            statements.remove(at);
            if (statements.isEmpty()) {
                policies.delete(scope, busName);
            } else {
                policies.put(scope, busName, document.toString());
            }
        }
        return Output.empty();
    }

    /** The statement PutPermission's members make, checked before anything is stored. */
    private static ObjectNode statement(Scope scope, String busName, Input input) {
        String principal = input.string("Principal");
        String action = input.string("Action");
        String id = input.string("StatementId");
        Input condition = input.structure("Condition");
        if (principal == null) {
            throw EventsErrors.validation("Parameter Principal must be specified.");
        }
        if (action == null || !action.equals(PUT_EVENTS)) {
            throw EventsErrors.validation("Provided value in parameter 'action' is not supported.");
        }
        if (id == null) {
            throw EventsErrors.validation("Parameter StatementId must be specified.");
        }
        if (condition != null && !principal.equals("*")) {
            throw EventsErrors.validation("Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.");
        }
        ObjectNode statement = RecordJson.mapper().createObjectNode();
        statement.put("Sid", id);
        statement.put("Effect", "Allow");
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        }
        statement.put("Action", action);
        statement.put("Resource", Buses.arn(scope, busName));
        if (condition != null) {
            statement.putObject("Condition").putObject(condition.string("Type"))
                    .put(condition.string("Key"), condition.string("Value"));
        }
        return statement;
    }

    private void requireBus(Scope scope, String busName) {
        if (!Buses.exists(store, scope, busName)) {
            throw EventsErrors.busNotFound(busName);
        }
    }

    private static ArrayNode statements(ObjectNode document) {
        JsonNode statements = document.get("Statement");
        if (statements instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = document.putArray("Statement");
        if (statements != null && statements.isObject()) {
            array.add(statements);
        }
        return array;
    }

    private static int indexOf(ArrayNode statements, String id) {
        for (int i = 0; i < statements.size(); i++) {
            if (id.equals(statements.get(i).path("Sid").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode parse(String policy) {
        try {
            JsonNode tree = RecordJson.tree(policy);
            if (tree instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // refused below
        }
        throw EventsErrors.validation("This policy contains invalid Json");
    }
}
