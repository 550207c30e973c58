package dev.cloudjar.it.events;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buses, rules, targets and tags through the SDK v2. Expected answers: EventBridge API reference
 * (each operation's page) and the error wordings EventBridge answers with ("Rule X does not exist
 * on EventBus default.", "Event bus X does not exist.").
 */
@Cloudjar(resetBetweenTests = true)
class EventBridgeRulesTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:somewhere";

    @Test
    void theDefaultBusExistsAndCustomBusesAreCreatedListedAndDeleted(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            DescribeEventBusResponse standard = events.describeEventBus(b -> { });
            assertEquals("default", standard.name());
            assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/default", standard.arn());

            String arn = events.createEventBus(b -> b.name("orders").description("order events")
                    .tags(Tag.builder().key("team").value("shop").build())).eventBusArn();
            assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/orders", arn);
            DescribeEventBusResponse orders = events.describeEventBus(b -> b.name(arn));
            assertEquals("orders", orders.name());
            assertEquals("order events", orders.description());
            assertNotNull(orders.creationTime());
            assertEquals(List.of("default", "orders"), events.listEventBuses(b -> { }).eventBuses().stream()
                    .map(bus -> bus.name()).toList());
            assertEquals(List.of("orders"), events.listEventBuses(b -> b.namePrefix("ord")).eventBuses().stream()
                    .map(bus -> bus.name()).toList());
            assertEquals("shop", events.listTagsForResource(b -> b.resourceARN(arn)).tags().get(0).value());

            fails(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                    "Event bus orders already exists.", () -> events.createEventBus(b -> b.name("orders")));
            fails(EventBridgeException.class, "ValidationException", 400, "Cannot delete event bus default.",
                    () -> events.deleteEventBus(b -> b.name("default")));

            events.deleteEventBus(b -> b.name("orders"));
            events.deleteEventBus(b -> b.name("orders"));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400, "Event bus orders does not exist.",
                    () -> events.describeEventBus(b -> b.name("orders")));
        }
    }

    @Test
    void rulesArePutDescribedListedEnabledDisabledAndDeleted(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String arn = events.putRule(b -> b.name("on-order").eventPattern("{\"source\":[\"shop\"]}")
                    .description("orders")).ruleArn();
            assertEquals("arn:aws:events:us-east-1:000000000000:rule/on-order", arn);
            DescribeRuleResponse rule = events.describeRule(b -> b.name("on-order"));
            assertEquals(RuleState.ENABLED, rule.state());
            assertEquals("{\"source\":[\"shop\"]}", rule.eventPattern());
            assertEquals("default", rule.eventBusName());
            assertEquals("orders", rule.description());
            assertEquals("000000000000", rule.createdBy());

            events.disableRule(b -> b.name("on-order"));
            assertEquals(RuleState.DISABLED, events.describeRule(b -> b.name("on-order")).state());
            events.enableRule(b -> b.name("on-order"));
            assertEquals(RuleState.ENABLED, events.describeRule(b -> b.name("on-order")).state());

            events.putRule(b -> b.name("every-five").scheduleExpression("rate(5 minutes)").state(RuleState.DISABLED));
            events.putRule(b -> b.name("nightly").scheduleExpression("cron(0 2 * * ? *)"));
            ListRulesResponse all = events.listRules(b -> { });
            assertEquals(List.of("every-five", "nightly", "on-order"), all.rules().stream().map(r -> r.name()).toList());
            assertEquals("rate(5 minutes)", all.rules().get(0).scheduleExpression());
            ListRulesResponse first = events.listRules(b -> b.limit(2));
            assertEquals(2, first.rules().size());
            assertEquals(List.of("on-order"), events.listRules(b -> b.limit(2).nextToken(first.nextToken())).rules()
                    .stream().map(r -> r.name()).toList());
            assertEquals(List.of("nightly"), events.listRules(b -> b.namePrefix("ni")).rules().stream()
                    .map(r -> r.name()).toList());

            events.deleteRule(b -> b.name("nightly"));
            events.deleteRule(b -> b.name("nightly"));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Rule nightly does not exist on EventBus default.", () -> events.describeRule(b -> b.name("nightly")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Rule nightly does not exist on EventBus default.", () -> events.enableRule(b -> b.name("nightly")));
        }
    }

    @Test
    void putRuleRefusesBadPatternsSchedulesAndBuses(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            InvalidEventPatternException bad = assertThrowsCode(InvalidEventPatternException.class,
                    "InvalidEventPatternException", () -> events.putRule(b -> b.name("r").eventPattern("{\"source\":\"shop\"}")));
            assertTrue(bad.awsErrorDetails().errorMessage().startsWith("Event pattern is not valid. Reason: "),
                    bad.awsErrorDetails().errorMessage());
            fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter(s) EventPattern or ScheduleExpression must be specified.", () -> events.putRule(b -> b.name("r")));
            fails(EventBridgeException.class, "ValidationException", 400, "Parameter ScheduleExpression is not valid.",
                    () -> events.putRule(b -> b.name("r").scheduleExpression("rate(1 minutes)")));
            fails(EventBridgeException.class, "ValidationException", 400, "Parameter ScheduleExpression is not valid.",
                    () -> events.putRule(b -> b.name("r").scheduleExpression("cron(0 2 * * * *)")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400, "Event bus nowhere does not exist.",
                    () -> events.putRule(b -> b.name("r").eventBusName("nowhere").eventPattern("{\"source\":[\"a\"]}")));
            events.createEventBus(b -> b.name("custom"));
            fails(EventBridgeException.class, "ValidationException", 400,
                    "ScheduleExpression is supported only on the default event bus.",
                    () -> events.putRule(b -> b.name("r").eventBusName("custom").scheduleExpression("rate(1 minute)")));
            fails(EventBridgeException.class, "ValidationException", 400,
                    "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must"
                            + " satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
                    () -> events.putRule(b -> b.name("bad name").eventPattern("{}")));
        }
    }

    @Test
    void targetsArePutListedAndRemoved(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.putRule(b -> b.name("with-targets").eventPattern("{\"source\":[\"shop\"]}"));
            PutTargetsResponse put = events.putTargets(b -> b.rule("with-targets").targets(
                    Target.builder().id("queue").arn(QUEUE).inputPath("$.detail")
                            .retryPolicy(r -> r.maximumRetryAttempts(3).maximumEventAgeInSeconds(120))
                            .deadLetterConfig(d -> d.arn(QUEUE + "-dlq")).build(),
                    Target.builder().id("fixed").arn(QUEUE).input("{\"fixed\":true}").build()));
            assertEquals(0, put.failedEntryCount());
            assertTrue(put.failedEntries().isEmpty());
            List<Target> targets = events.listTargetsByRule(b -> b.rule("with-targets")).targets();
            assertEquals(List.of("fixed", "queue"), targets.stream().map(Target::id).toList());
            assertEquals("$.detail", targets.get(1).inputPath());
            assertEquals(3, targets.get(1).retryPolicy().maximumRetryAttempts());
            assertEquals(QUEUE + "-dlq", targets.get(1).deadLetterConfig().arn());
            assertNull(targets.get(0).inputPath());

            fails(EventBridgeException.class, "ValidationException", 400, "Rule can't be deleted since it has targets.",
                    () -> events.deleteRule(b -> b.name("with-targets")));
            assertEquals(0, events.removeTargets(b -> b.rule("with-targets").ids("queue", "fixed", "absent")).failedEntryCount());
            assertTrue(events.listTargetsByRule(b -> b.rule("with-targets")).targets().isEmpty());
            events.deleteRule(b -> b.name("with-targets"));
        }
    }

    @Test
    void putTargetsRefusesWhatEventBridgeRefuses(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Rule absent does not exist on EventBus default.",
                    () -> events.putTargets(b -> b.rule("absent").targets(Target.builder().id("t").arn(QUEUE).build())));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Rule absent does not exist on EventBus default.",
                    () -> events.removeTargets(b -> b.rule("absent").ids("t")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Rule absent does not exist on EventBus default.", () -> events.listTargetsByRule(b -> b.rule("absent")));
            events.putRule(b -> b.name("limited").eventPattern("{\"source\":[\"shop\"]}"));
            fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter(s) SqsParameters must be specified for target: fifo.",
                    () -> events.putTargets(b -> b.rule("limited").targets(Target.builder().id("fifo").arn(QUEUE + ".fifo").build())));
            fails(EventBridgeException.class, "ValidationException", 400,
                    "Only one of Input, InputPath, or InputTransformer must be provided for target both.",
                    () -> events.putTargets(b -> b.rule("limited").targets(Target.builder().id("both").arn(QUEUE)
                            .input("{}").inputPath("$.detail").build())));
            fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter Input is not valid. Reason: Input must be valid JSON text.",
                    () -> events.putTargets(b -> b.rule("limited").targets(Target.builder().id("t").arn(QUEUE).input("{").build())));
            fails(LimitExceededException.class, "LimitExceededException", 400,
                    "The requested resource exceeds the maximum number allowed.",
                    () -> events.putTargets(b -> b.rule("limited").targets(IntStream.range(0, 6)
                            .mapToObj(i -> Target.builder().id("t" + i).arn(QUEUE).build()).toList())));
            assertTrue(events.listTargetsByRule(b -> b.rule("limited")).targets().isEmpty(), "nothing stored of a refused request");
        }
    }

    @Test
    void rulesAndBusesAreTaggedAndUntagged(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String rule = events.putRule(b -> b.name("tagged").eventPattern("{\"source\":[\"shop\"]}")
                    .tags(Tag.builder().key("a").value("1").build())).ruleArn();
            events.tagResource(b -> b.resourceARN(rule).tags(Tag.builder().key("b").value("2").build()));
            assertEquals(List.of("a", "b"), events.listTagsForResource(b -> b.resourceARN(rule)).tags().stream()
                    .map(Tag::key).toList());
            events.untagResource(b -> b.resourceARN(rule).tagKeys("a"));
            assertEquals(List.of("b"), events.listTagsForResource(b -> b.resourceARN(rule)).tags().stream()
                    .map(Tag::key).toList());

            String bus = events.createEventBus(b -> b.name("tagged-bus")).eventBusArn();
            String busRule = events.putRule(b -> b.name("r").eventBusName("tagged-bus").eventPattern("{\"source\":[\"x\"]}")).ruleArn();
            assertEquals("arn:aws:events:us-east-1:000000000000:rule/tagged-bus/r", busRule);
            events.tagResource(b -> b.resourceARN(bus).tags(Tag.builder().key("c").value("3").build()));
            events.tagResource(b -> b.resourceARN(busRule).tags(Tag.builder().key("d").value("4").build()));
            assertEquals("3", events.listTagsForResource(b -> b.resourceARN(bus)).tags().get(0).value());
            assertEquals("4", events.listTagsForResource(b -> b.resourceARN(busRule)).tags().get(0).value());

            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Rule gone does not exist on EventBus default.",
                    () -> events.tagResource(b -> b.resourceARN("arn:aws:events:us-east-1:000000000000:rule/gone")
                            .tags(Tag.builder().key("k").value("v").build())));
        }
    }

    @Test
    void testEventPatternAnswersWhetherAnEventMatches(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String event = "{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"shop\",\"time\":\"2026-12-07T00:00:00Z\","
                    + "\"region\":\"us-east-1\",\"resources\":[],\"detail-type\":\"Order\",\"detail\":{\"total\":120}}";
            assertTrue(events.testEventPattern(b -> b.event(event)
                    .eventPattern("{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}")).result());
            assertFalse(events.testEventPattern(b -> b.event(event).eventPattern("{\"source\":[\"other\"]}")).result());
            assertThrowsCode(InvalidEventPatternException.class, "InvalidEventPatternException",
                    () -> events.testEventPattern(b -> b.event(event).eventPattern("[1]")));
            fails(EventBridgeException.class, "ValidationException", 400, "Parameter Event is not valid.",
                    () -> events.testEventPattern(b -> b.event("{\"source\":\"shop\"}").eventPattern("{\"source\":[\"shop\"]}")));
        }
    }

    private static <T extends EventBridgeException> T assertThrowsCode(Class<T> type, String code,
                                                                       Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        return e;
    }
}
