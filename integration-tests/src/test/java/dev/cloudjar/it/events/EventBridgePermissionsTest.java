package dev.cloudjar.it.events;

import dev.cloudjar.it.fixtures.AwsErrors;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * PutPermission and RemovePermission through the SDK v2, and the policy DescribeEventBus shows.
 * The statements' form: EventBridge User Guide, "Permissions for Amazon EventBridge event buses"
 * (an account as {@code {"AWS": "arn:aws:iam::<account>:root"}}, everyone as {@code "*"} with an
 * organisation condition). Error messages: EventBridge's answers as moto's tests recorded them.
 * The policy is stored, not enforced.
 */
@Cloudjar
class EventBridgePermissionsTest {
    private static final String BUS = "arn:aws:events:us-east-1:000000000000:event-bus/perm-bus";

    @Test
    void putPermissionBuildsThePolicyAStatementAtATime(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createEventBus(b -> b.name("perm-bus"));
            events.putPermission(b -> b.eventBusName("perm-bus").action("events:PutEvents").principal("111122223333")
                    .statementId("partner"));
            events.putPermission(b -> b.eventBusName("perm-bus").action("events:PutEvents").principal("*")
                    .statementId("org").condition(c -> c.type("StringEquals").key("aws:PrincipalOrgID").value("o-1234567890")));

            assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Sid\":\"partner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                    + "\"Action\":\"events:PutEvents\",\"Resource\":\"" + BUS + "\"},"
                    + "{\"Sid\":\"org\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\","
                    + "\"Resource\":\"" + BUS + "\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1234567890\"}}}]}",
                    events.describeEventBus(b -> b.name("perm-bus")).policy());

            events.removePermission(b -> b.eventBusName("perm-bus").statementId("partner"));
            assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Sid\":\"org\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\","
                    + "\"Resource\":\"" + BUS + "\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1234567890\"}}}]}",
                    events.describeEventBus(b -> b.name("perm-bus")).policy());
            events.removePermission(b -> b.eventBusName("perm-bus").statementId("org"));
            assertNull(events.describeEventBus(b -> b.name("perm-bus")).policy(), "the last statement takes the policy");
        }
    }

    @Test
    void aWholePolicyIsKeptAsGivenAndRemoveAllPermissionsDropsIt(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"sid1\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::111112222333:root\"},\"Action\":\"events:PutEvents\","
                    + "\"Resource\":\"arn:aws:events:us-east-1:000000000000:event-bus/default\"}]}";
            events.putPermission(b -> b.policy(policy));
            assertEquals(policy, events.describeEventBus(b -> b.name("default")).policy());
            events.putPermission(b -> b.action("events:PutEvents").principal("444455556666").statementId("sid1"));
            assertEquals(policy.replace("111112222333", "444455556666"), events.describeEventBus(b -> { }).policy(),
                    "a statement id already there is replaced");

            events.removePermission(b -> b.removeAllPermissions(true));
            assertNull(events.describeEventBus(b -> { }).policy());
        }
    }

    @Test
    void permissionErrorsAreEventBridges(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createEventBus(b -> b.name("perm-errors"));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Event bus perm-nowhere does not exist.",
                    () -> events.putPermission(b -> b.eventBusName("perm-nowhere").action("events:PutEvents")
                            .principal("111122223333").statementId("s")));
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "Provided value in parameter 'action' is not supported.",
                    () -> events.putPermission(b -> b.eventBusName("perm-errors").action("events:PutRule")
                            .principal("111122223333").statementId("s")));
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "This policy contains invalid Json",
                    () -> events.putPermission(b -> b.eventBusName("perm-errors").policy("{not json")));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "EventBus does not have a policy.",
                    () -> events.removePermission(b -> b.eventBusName("perm-errors").statementId("s")));
            events.putPermission(b -> b.eventBusName("perm-errors").action("events:PutEvents").principal("111122223333")
                    .statementId("kept"));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Statement with the provided id does not exist.",
                    () -> events.removePermission(b -> b.eventBusName("perm-errors").statementId("other")));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Event bus perm-nowhere does not exist.",
                    () -> events.removePermission(b -> b.eventBusName("perm-nowhere").removeAllPermissions(true)));
        }
    }
}
