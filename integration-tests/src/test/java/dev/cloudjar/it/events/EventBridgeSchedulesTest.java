package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules with a ScheduleExpression run: their targets get EventBridge's "Scheduled Event" (User
 * Guide, "Creating an Amazon EventBridge rule that runs on a schedule": source aws.events,
 * detail-type "Scheduled Event", the rule's ARN in resources, an empty detail), at the times the
 * expression names ("Schedule expressions for rules", cron in UTC). The server's schedules' clock
 * starts at 2030-01-01T11:58:00Z (--clock) and the tests move it, or fire a rule at once through
 * the admin endpoint.
 */
@Cloudjar(options = "clock=2030-01-01T11:58:00Z", resetBetweenTests = true)
class EventBridgeSchedulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> admin(URI endpoint, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }


    private static List<Message> receive(SqsClient sqs, String url, int wait) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(wait)).messages();
        messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return messages;
    }

    @Test
    void aCronRuleFiresWhenTheClockPassesItsTimeWithTheScheduledEvent(URI endpoint) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            admin(endpoint, "/_cloudjar/clock", "{\"time\": \"2030-01-01T11:58:00Z\"}");
            String url = queue(sqs, "noon");
            String ruleArn = events.putRule(b -> b.name("every-noon").scheduleExpression("cron(0 12 * * ? *)")).ruleArn();
            events.putTargets(b -> b.rule("every-noon").targets(Target.builder().id("q").arn(Queues.arn(sqs, url)).build()));
            assertEquals(List.of(), receive(sqs, url, 1), "11:58: not yet");

            HttpResponse<String> moved = admin(endpoint, "/_cloudjar/clock", "{\"advance\": \"PT3M\"}");
            assertEquals(200, moved.statusCode(), moved.body());
            assertEquals("2030-01-01T12:01", JSON.readTree(moved.body()).get("time").asText().substring(0, 16));

            List<Message> got = receive(sqs, url, 20);
            assertEquals(1, got.size());
            JsonNode event = JSON.readTree(got.get(0).body());
            assertEquals("0", event.get("version").asText());
            assertEquals("Scheduled Event", event.get("detail-type").asText());
            assertEquals("aws.events", event.get("source").asText());
            assertEquals("000000000000", event.get("account").asText());
            assertEquals("us-east-1", event.get("region").asText());
            assertEquals("2030-01-01T12:00:00Z", event.get("time").asText());
            assertEquals(List.of(ruleArn), List.of(event.get("resources").get(0).asText()));
            assertEquals(1, event.get("resources").size());
            assertTrue(event.get("detail").isObject() && event.get("detail").isEmpty());
            assertTrue(event.get("id").asText().matches("[0-9a-f-]{36}"));

            // The next noon is a day on: another day's advance fires it once more, with that day's time.
            admin(endpoint, "/_cloudjar/clock", "{\"advance\": \"P1D\"}");
            got = receive(sqs, url, 20);
            assertEquals(1, got.size());
            assertEquals("2030-01-02T12:00:00Z", JSON.readTree(got.get(0).body()).get("time").asText());
            assertEquals(List.of(), receive(sqs, url, 1), "once per time");
        }
    }

    @Test
    void theAdminEndpointFiresARuleNowThroughItsTargetsInputTransformer(URI endpoint) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = queue(sqs, "warm");
            String ruleArn = events.putRule(b -> b.name("keep-warm").scheduleExpression("rate(5 minutes)")).ruleArn();
            events.putTargets(b -> b.rule("keep-warm").targets(Target.builder().id("q").arn(Queues.arn(sqs, url))
                    .inputTransformer(InputTransformer.builder().inputPathsMap(Map.of("t", "$.time", "r", "$.resources[0]"))
                            .inputTemplate("{\"warm\": <r>, \"at\": <t>}").build()).build()));

            HttpResponse<String> fired = admin(endpoint, "/_cloudjar/schedules/fire", "{\"arn\": \"" + ruleArn + "\"}");
            assertEquals(200, fired.statusCode(), fired.body());
            assertEquals("events", JSON.readTree(fired.body()).get("service").asText());
            List<Message> got = receive(sqs, url, 20);
            assertEquals(1, got.size());
            JsonNode body = JSON.readTree(got.get(0).body());
            assertEquals(ruleArn, body.get("warm").asText());
            assertTrue(body.get("at").asText().startsWith("2030-01-01T"), body.toString());
        }
    }

    @Test
    void aDisabledOrDeletedRuleHasNoTimeToFire(URI endpoint) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = queue(sqs, "paused");
            String ruleArn = events.putRule(b -> b.name("hourly").scheduleExpression("rate(1 hour)")
                    .state(RuleState.DISABLED)).ruleArn();
            events.putTargets(b -> b.rule("hourly").targets(Target.builder().id("q").arn(Queues.arn(sqs, url)).build()));
            assertEquals(404, admin(endpoint, "/_cloudjar/schedules/fire?arn=" + ruleArn, "").statusCode());
            admin(endpoint, "/_cloudjar/clock", "{\"advance\": \"PT2H\"}");
            assertEquals(List.of(), receive(sqs, url, 1), "a disabled rule does not run");

            events.enableRule(b -> b.name("hourly"));
            assertEquals(200, admin(endpoint, "/_cloudjar/schedules/fire?arn=" + ruleArn, "").statusCode());
            assertEquals(1, receive(sqs, url, 20).size());

            events.putRule(b -> b.name("hourly").eventPattern("{\"source\":[\"shop\"]}"));
            assertEquals(404, admin(endpoint, "/_cloudjar/schedules/fire?arn=" + ruleArn, "").statusCode(),
                    "a rule put again without a schedule has no timer");
            events.putRule(b -> b.name("hourly").scheduleExpression("rate(1 hour)"));
            events.removeTargets(b -> b.rule("hourly").ids("q"));
            events.deleteRule(b -> b.name("hourly"));
            assertEquals(404, admin(endpoint, "/_cloudjar/schedules/fire?arn=" + ruleArn, "").statusCode());
        }
    }

    @Test
    void theClockEndpointRefusesWhatIsNotATimeOrADuration(URI endpoint) throws Exception {
        assertEquals(400, admin(endpoint, "/_cloudjar/clock", "{\"advance\": \"an hour\"}").statusCode());
        assertEquals(400, admin(endpoint, "/_cloudjar/schedules/fire", "").statusCode());
        HttpResponse<String> now = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_cloudjar/clock")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(Duration.between(Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse(JSON.readTree(now.body()).get("time").asText())).toDays() < 30, now.body());
    }
}
