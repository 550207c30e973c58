package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.AwsErrors;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ArchiveState;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.IllegalStatusException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives and replays through the SDK v2. Expected behaviour: EventBridge User Guide, "Archiving
 * and replaying events" (an archive keeps the events of one bus, all or those its pattern matches,
 * for RetentionDays; a replay sends the archived events of a window back to the bus's rules, or
 * only to the rules it names, each with a {@code replay-name} field) and the API reference of
 * CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive, StartReplay,
 * DescribeReplay, ListReplays and CancelReplay. Error messages: EventBridge's answers as moto's
 * tests recorded them.
 */
@Cloudjar
class EventBridgeArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final Instant T1 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant T2 = T1.plus(1, ChronoUnit.HOURS);
    private static final Instant T3 = T2.plus(1, ChronoUnit.HOURS);

    private static String busArn(String name) {
        return "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/" + name;
    }

    private static PutEventsRequestEntry event(String bus, String source, Instant time, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source(source).detailType("Order Placed")
                .time(time).detail(detail).build();
    }

    private static List<JsonNode> drain(SqsClient sqs, String url, int expected) throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        long end = System.nanoTime() + 20_000_000_000L;
        while (bodies.size() < expected && System.nanoTime() < end) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()) {
                bodies.add(JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    @Test
    void anArchiveKeepsTheEventsOfItsBusThatItsPatternMatches(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createEventBus(b -> b.name("arc-orders"));
            var created = events.createArchive(b -> b.archiveName("arc-paid").eventSourceArn(busArn("arc-orders"))
                    .eventPattern("{\"detail\":{\"paid\":[true]}}").description("paid orders").retentionDays(7));
            assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":archive/arc-paid", created.archiveArn());
            assertEquals(ArchiveState.ENABLED, created.state());
            events.createArchive(b -> b.archiveName("arc-all").eventSourceArn(busArn("arc-orders")));

            events.putEvents(b -> b.entries(event("arc-orders", "shop", T1, "{\"paid\":true}"),
                    event("arc-orders", "shop", T2, "{\"paid\":false}"),
                    event(null, "shop", T2, "{\"paid\":true}")));

            DescribeArchiveResponse paid = events.describeArchive(b -> b.archiveName("arc-paid"));
            assertEquals(1L, paid.eventCount(), "only the matching event of its own bus");
            assertTrue(paid.sizeBytes() > 0);
            assertEquals("paid orders", paid.description());
            assertEquals("{\"detail\":{\"paid\":[true]}}", paid.eventPattern());
            assertEquals(busArn("arc-orders"), paid.eventSourceArn());
            assertEquals(7, paid.retentionDays());
            assertEquals(ArchiveState.ENABLED, paid.state());
            assertNotNull(paid.creationTime());
            DescribeArchiveResponse all = events.describeArchive(b -> b.archiveName("arc-all"));
            assertEquals(2L, all.eventCount(), "an archive without a pattern keeps every event of the bus");
            assertEquals(0, all.retentionDays(), "0: kept indefinitely");
        }
    }

    @Test
    void retentionDaysCountsFromTheEventsTime(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createEventBus(b -> b.name("arc-retention"));
            events.createArchive(b -> b.archiveName("arc-one-day").eventSourceArn(busArn("arc-retention")).retentionDays(1));
            events.putEvents(b -> b.entries(
                    event("arc-retention", "old", Instant.now().minus(3, ChronoUnit.DAYS), "{}"),
                    event("arc-retention", "new", Instant.now(), "{}")));
            assertEquals(1L, events.describeArchive(b -> b.archiveName("arc-one-day")).eventCount());

            events.updateArchive(b -> b.archiveName("arc-one-day").retentionDays(0));
            assertEquals(2L, events.describeArchive(b -> b.archiveName("arc-one-day")).eventCount(),
                    "nothing was removed before the retention sweep, so indefinite retention shows both");
        }
    }

    @Test
    void listArchivesFiltersByOneOfNamePrefixSourceOrState(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createEventBus(b -> b.name("arc-list"));
            events.createArchive(b -> b.archiveName("arc-list-a").eventSourceArn(busArn("arc-list")));
            events.createArchive(b -> b.archiveName("arc-list-b").eventSourceArn(busArn("arc-list")));
            events.createArchive(b -> b.archiveName("arc-other").eventSourceArn(busArn("default")));

            assertEquals(List.of("arc-list-a", "arc-list-b"), events.listArchives(b -> b.namePrefix("arc-list-"))
                    .archives().stream().map(a -> a.archiveName()).toList());
            assertEquals(List.of("arc-list-a", "arc-list-b"), events.listArchives(b -> b.eventSourceArn(busArn("arc-list")))
                    .archives().stream().map(a -> a.archiveName()).toList());
            assertTrue(events.listArchives(b -> b.state(ArchiveState.ENABLED)).archives().size() >= 3);
            var page = events.listArchives(b -> b.namePrefix("arc-list-").limit(1));
            assertEquals(1, page.archives().size());
            assertEquals("arc-list-b", events.listArchives(b -> b.namePrefix("arc-list-").nextToken(page.nextToken()))
                    .archives().get(0).archiveName());

            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.",
                    () -> events.listArchives(b -> b.namePrefix("arc").state(ArchiveState.ENABLED)));
        }
    }

    @Test
    void archiveErrorsAreEventBridges(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createArchive(b -> b.archiveName("arc-dup").eventSourceArn(busArn("default")));
            AwsErrors.fails(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                    "Archive arc-dup already exists.",
                    () -> events.createArchive(b -> b.archiveName("arc-dup").eventSourceArn(busArn("default"))));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Event bus arc-no-bus does not exist.",
                    () -> events.createArchive(b -> b.archiveName("arc-x").eventSourceArn(busArn("arc-no-bus"))));
            InvalidEventPatternException pattern = assertThrows(InvalidEventPatternException.class,
                    () -> events.createArchive(b -> b.archiveName("arc-x").eventSourceArn(busArn("default"))
                            .eventPattern("{\"source\":\"not-an-array\"}")));
            assertTrue(pattern.awsErrorDetails().errorMessage().startsWith("Event pattern is not valid."));
            for (var call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> events.describeArchive(b -> b.archiveName("arc-missing")),
                    () -> events.updateArchive(b -> b.archiveName("arc-missing").retentionDays(1)),
                    () -> events.deleteArchive(b -> b.archiveName("arc-missing")))) {
                AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                        "Archive arc-missing does not exist.", call);
            }

            events.deleteArchive(b -> b.archiveName("arc-dup"));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Archive arc-dup does not exist.", () -> events.describeArchive(b -> b.archiveName("arc-dup")));
        }
    }

    /**
     * "Replaying archived events": the window's events go back to the bus's rules with a
     * {@code replay-name} field; a rule whose pattern asks for {@code replay-name} not to exist
     * sees only live events; the replayed events are not archived again.
     */
    @Test
    void aReplaySendsTheWindowsEventsToTheBusesRulesMarkedWithItsName(URI endpoint) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            events.createEventBus(b -> b.name("rep-bus"));
            String all = sqs.createQueue(b -> b.queueName("rep-all")).queueUrl();
            String live = sqs.createQueue(b -> b.queueName("rep-live")).queueUrl();
            events.putRule(b -> b.name("rep-all").eventBusName("rep-bus").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("rep-all").eventBusName("rep-bus")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, all)).build()));
            events.putRule(b -> b.name("rep-live").eventBusName("rep-bus")
                    .eventPattern("{\"source\":[\"shop\"],\"replay-name\":[{\"exists\":false}]}"));
            events.putTargets(b -> b.rule("rep-live").eventBusName("rep-bus")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, live)).build()));
            String archiveArn = events.createArchive(b -> b.archiveName("rep-archive").eventSourceArn(busArn("rep-bus")))
                    .archiveArn();
            List<String> ids = events.putEvents(b -> b.entries(event("rep-bus", "shop", T1, "{\"n\":1}"),
                    event("rep-bus", "shop", T2, "{\"n\":2}"), event("rep-bus", "shop", T3, "{\"n\":3}")))
                    .entries().stream().map(e -> e.eventId()).toList();
            assertEquals(3, drain(sqs, all, 3).size());
            assertEquals(3, drain(sqs, live, 3).size());

            var started = events.startReplay(b -> b.replayName("rep-first-two").eventSourceArn(archiveArn)
                    .eventStartTime(T1).eventEndTime(T2.plusSeconds(1)).destination(d -> d.arn(busArn("rep-bus"))));
            assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":replay/rep-first-two", started.replayArn());
            assertEquals(ReplayState.STARTING, started.state());
            assertNotNull(started.replayStartTime());

            DescribeReplayResponse replay = Replays.ended(events, "rep-first-two");
            assertEquals(ReplayState.COMPLETED, replay.state());
            assertEquals(T2, replay.eventLastReplayedTime());
            assertEquals(T1, replay.eventStartTime());
            assertNotNull(replay.replayEndTime());
            assertEquals(archiveArn, replay.eventSourceArn());
            assertEquals(busArn("rep-bus"), replay.destination().arn());

            List<JsonNode> replayed = drain(sqs, all, 2);
            assertEquals(List.of(ids.get(0), ids.get(1)), replayed.stream().map(e -> e.path("id").asText()).sorted(
                    (a, b) -> Integer.compare(ids.indexOf(a), ids.indexOf(b))).toList(), "the same events, ids kept");
            for (JsonNode event : replayed) {
                assertEquals("rep-first-two", event.path("replay-name").asText());
            }
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(live).waitTimeSeconds(1)).messages().isEmpty(),
                    "the live-only rule sees no replayed event");
            assertEquals(3L, events.describeArchive(b -> b.archiveName("rep-archive")).eventCount(),
                    "replayed events are not archived again");

            AwsErrors.fails(IllegalStatusException.class, "IllegalStatusException", 400,
                    "Replay rep-first-two is not in a valid state for this operation.",
                    () -> events.cancelReplay(b -> b.replayName("rep-first-two")));
        }
    }

    @Test
    void aReplayWithFilterArnsReachesOnlyThoseRules(URI endpoint) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            events.createEventBus(b -> b.name("rep-filter"));
            String chosen = sqs.createQueue(b -> b.queueName("rep-chosen")).queueUrl();
            String other = sqs.createQueue(b -> b.queueName("rep-other")).queueUrl();
            String chosenRule = events.putRule(b -> b.name("rep-chosen").eventBusName("rep-filter")
                    .eventPattern("{\"source\":[\"shop\"]}")).ruleArn();
            events.putTargets(b -> b.rule("rep-chosen").eventBusName("rep-filter")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, chosen)).build()));
            events.putRule(b -> b.name("rep-other").eventBusName("rep-filter").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("rep-other").eventBusName("rep-filter")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, other)).build()));
            String archiveArn = events.createArchive(b -> b.archiveName("rep-filter").eventSourceArn(busArn("rep-filter")))
                    .archiveArn();
            events.putEvents(b -> b.entries(event("rep-filter", "shop", T1, "{}")));
            drain(sqs, chosen, 1);
            drain(sqs, other, 1);

            events.startReplay(b -> b.replayName("rep-filtered").eventSourceArn(archiveArn).eventStartTime(T1)
                    .eventEndTime(T3).destination(d -> d.arn(busArn("rep-filter")).filterArns(chosenRule)));
            assertEquals(ReplayState.COMPLETED, Replays.ended(events, "rep-filtered").state());
            assertEquals(List.of(chosenRule), events.describeReplay(b -> b.replayName("rep-filtered")).destination().filterArns());

            assertEquals(1, drain(sqs, chosen, 1).size());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(other).waitTimeSeconds(1)).messages().isEmpty(),
                    "a rule the replay does not name receives nothing");
            assertEquals(List.of("rep-filtered"), events.listReplays(b -> b.namePrefix("rep-filtered")).replays()
                    .stream().map(r -> r.replayName()).toList());
            assertEquals(List.of("rep-filtered"), events.listReplays(b -> b.eventSourceArn(archiveArn)).replays()
                    .stream().map(r -> r.replayName()).toList());
            assertTrue(events.listReplays(b -> b.state(ReplayState.COMPLETED)).replays().stream()
                    .anyMatch(r -> r.replayName().equals("rep-filtered")));
            assertFalse(events.listReplays(b -> b.state(ReplayState.RUNNING)).replays().stream()
                    .anyMatch(r -> r.replayName().equals("rep-filtered")));
        }
    }

    @Test
    void startReplayChecksDestinationArchiveAndWindow(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            events.createEventBus(b -> b.name("rep-errors"));
            String archiveArn = events.createArchive(b -> b.archiveName("rep-errors").eventSourceArn(busArn("rep-errors")))
                    .archiveArn();
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter Destination.Arn is not valid. Reason: Must contain an event bus ARN.",
                    () -> events.startReplay(b -> b.replayName("r").eventSourceArn(archiveArn).eventStartTime(T1)
                            .eventEndTime(T2).destination(d -> d.arn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":q"))));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Event bus rep-nowhere does not exist.",
                    () -> events.startReplay(b -> b.replayName("r").eventSourceArn(archiveArn).eventStartTime(T1)
                            .eventEndTime(T2).destination(d -> d.arn(busArn("rep-nowhere")))));
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter EventSourceArn is not valid. Reason: Archive rep-none does not exist.",
                    () -> events.startReplay(b -> b.replayName("r").eventSourceArn(archiveArn.replace("rep-errors", "rep-none"))
                            .eventStartTime(T1).eventEndTime(T2).destination(d -> d.arn(busArn("rep-errors")))));
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
                    () -> events.startReplay(b -> b.replayName("r").eventSourceArn(archiveArn).eventStartTime(T1)
                            .eventEndTime(T2).destination(d -> d.arn(busArn("default")))));
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
                    () -> events.startReplay(b -> b.replayName("r").eventSourceArn(archiveArn).eventStartTime(T2)
                            .eventEndTime(T1).destination(d -> d.arn(busArn("rep-errors")))));
            assertTrue(events.listReplays(b -> b.namePrefix("r")).replays().stream().noneMatch(r -> r.replayName().equals("r")),
                    "no refused request left a replay");

            events.startReplay(b -> b.replayName("rep-once").eventSourceArn(archiveArn).eventStartTime(T1)
                    .eventEndTime(T2).destination(d -> d.arn(busArn("rep-errors"))));
            AwsErrors.fails(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                    "Replay rep-once already exists.",
                    () -> events.startReplay(b -> b.replayName("rep-once").eventSourceArn(archiveArn).eventStartTime(T1)
                            .eventEndTime(T2).destination(d -> d.arn(busArn("rep-errors")))));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Replay rep-missing does not exist.", () -> events.describeReplay(b -> b.replayName("rep-missing")));
            AwsErrors.fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Replay rep-missing does not exist.", () -> events.cancelReplay(b -> b.replayName("rep-missing")));
            AwsErrors.fails(EventBridgeException.class, "ValidationException", 400,
                    "At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.",
                    () -> events.listReplays(b -> b.namePrefix("r").eventSourceArn(archiveArn)));
        }
    }

    @Test
    void boto3ArchivesAndReplays(URI endpoint) throws Exception {
        String script = "import boto3, json, time, datetime\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "events = boto3.client('events', **kw); sqs = boto3.client('sqs', **kw)\n"
                + "url = sqs.create_queue(QueueName='py-replayed')['QueueUrl']\n"
                + "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
                + "events.create_event_bus(Name='py-replay-bus')\n"
                + "bus = 'arn:aws:events:us-east-1:000000000000:event-bus/py-replay-bus'\n"
                + "archive = events.create_archive(ArchiveName='py-archive', EventSourceArn=bus)['ArchiveArn']\n"
                + "events.put_rule(Name='py-replayed', EventBusName='py-replay-bus',"
                + " EventPattern=json.dumps({'replay-name': [{'exists': True}]}))\n"
                + "events.put_targets(Rule='py-replayed', EventBusName='py-replay-bus', Targets=[{'Id': 'q', 'Arn': arn}])\n"
                + "t = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(minutes=5)\n"
                + "events.put_events(Entries=[{'EventBusName': 'py-replay-bus', 'Source': 'py', 'DetailType': 'd',"
                + " 'Detail': json.dumps({'n': 1}), 'Time': t}])\n"
                + "count = events.describe_archive(ArchiveName='py-archive')['EventCount']\n"
                + "events.start_replay(ReplayName='py-replay', EventSourceArn=archive, EventStartTime=t,"
                + " EventEndTime=t + datetime.timedelta(minutes=1), Destination={'Arn': bus})\n"
                + "body = json.loads(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)['Messages'][0]['Body'])\n"
                + "state = events.describe_replay(ReplayName='py-replay')['State']\n"
                + "for _ in range(200):\n"
                + "    if state == 'COMPLETED': break\n"
                + "    time.sleep(0.05); state = events.describe_replay(ReplayName='py-replay')['State']\n"
                + "print(count, body['replay-name'], body['detail']['n'], state)\n";
        Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("1 py-replay 1 COMPLETED", python.output().trim());
    }
}
