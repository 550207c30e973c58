package dev.cloudjar.events;

import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.events.archive.ArchiveOperations;
import dev.cloudjar.events.archive.ArchiveStore;
import dev.cloudjar.events.archive.ReplayOperations;
import dev.cloudjar.events.archive.Replayer;
import dev.cloudjar.events.bus.BusOperations;
import dev.cloudjar.events.bus.TagOperations;
import dev.cloudjar.events.deadletter.DeadLetterAttributes;
import dev.cloudjar.events.policy.BusPolicies;
import dev.cloudjar.events.policy.PermissionOperations;
import dev.cloudjar.events.put.BusReceivers;
import dev.cloudjar.events.put.PutEventsOperations;
import dev.cloudjar.events.rule.RuleOperations;
import dev.cloudjar.events.rule.RuleSchedules;
import dev.cloudjar.events.rule.TargetOperations;
import dev.cloudjar.events.store.EventsStore;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Amazon EventBridge over awsJson1_1, described by a hand-written model. Buses, rules and targets
 * live in the storage SPI; PutEvents matches each event against its bus's enabled rules with
 * core's event-pattern matcher and hands it to the rules' targets through core's delivery queue,
 * which also brings other services' events (and other buses' forwarded events) to a bus. Rules
 * with a schedule expression run on core's timers. Archives keep a bus's events in the storage SPI
 * and replays send them again on worker threads; bus policies are stored, not enforced.
 */
public final class EventsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("events", "events", Protocol.AWS_JSON_1_1,
            "dev/cloudjar/events/eventbridge.json", "AWSEvents", List.of(), false);

    /** Set by {@link #start}; resumes replays a previous run left once every service is up. */
    private Replayer replayer;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        Clock clock = Clock.systemUTC();
        EventsStore store = new EventsStore(context.state());
        CompiledPatterns patterns = new CompiledPatterns();
        BusPolicies policies = new BusPolicies(context.state());
        BusOperations buses = new BusOperations(store, clock, policies);
        operations.on("CreateEventBus", buses::createEventBus)
                .on("DeleteEventBus", buses::deleteEventBus)
                .on("DescribeEventBus", buses::describeEventBus)
                .on("ListEventBuses", buses::listEventBuses);
        TagOperations tags = new TagOperations(store);
        operations.on("TagResource", tags::tagResource)
                .on("UntagResource", tags::untagResource)
                .on("ListTagsForResource", tags::listTagsForResource);
        context.deliveries().registerAnnotator(DeadLetterAttributes.NAME, new DeadLetterAttributes());
        ArchiveStore archiveStore = new ArchiveStore(context.state());
        ArchiveOperations archives = new ArchiveOperations(archiveStore, store, patterns, clock);
        PutEventsOperations put = new PutEventsOperations(store, context.deliveries(), patterns, clock, archives::archive);
        RuleOperations rules = new RuleOperations(store, patterns, new RuleSchedules(store, context.timers(), put));
        operations.on("PutRule", rules::putRule)
                .on("DeleteRule", rules::deleteRule)
                .on("DescribeRule", rules::describeRule)
                .on("ListRules", rules::listRules)
                .on("EnableRule", rules::enableRule)
                .on("DisableRule", rules::disableRule)
                .on("TestEventPattern", rules::testEventPattern);
        TargetOperations targets = new TargetOperations(store);
        operations.on("PutTargets", targets::putTargets)
                .on("RemoveTargets", targets::removeTargets)
                .on("ListTargetsByRule", targets::listTargetsByRule);
        operations.on("PutEvents", put::putEvents);
        BusReceivers.register(context.deliveries(), context.calls(), store, put);
        operations.on("CreateArchive", archives::createArchive)
                .on("DescribeArchive", archives::describeArchive)
                .on("ListArchives", archives::listArchives)
                .on("UpdateArchive", archives::updateArchive)
                .on("DeleteArchive", archives::deleteArchive);
        context.periodically("events archive retention", 1, 60, TimeUnit.MINUTES, archives::expire);
        replayer = new Replayer(archiveStore, put, context.workers(), clock);
        ReplayOperations replays = new ReplayOperations(archiveStore, store, replayer, clock);
        operations.on("StartReplay", replays::startReplay)
                .on("DescribeReplay", replays::describeReplay)
                .on("ListReplays", replays::listReplays)
                .on("CancelReplay", replays::cancelReplay);
        PermissionOperations permissions = new PermissionOperations(store, policies);
        operations.on("PutPermission", permissions::putPermission)
                .on("RemovePermission", permissions::removePermission);
    }

    @Override
    public void started() {
        replayer.resume();
    }
}
