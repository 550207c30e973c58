package dev.cloudjar.events;

import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.events.bus.BusOperations;
import dev.cloudjar.events.bus.TagOperations;
import dev.cloudjar.events.put.PutEventsOperations;
import dev.cloudjar.events.rule.RuleOperations;
import dev.cloudjar.events.rule.RuleSchedules;
import dev.cloudjar.events.rule.TargetOperations;
import dev.cloudjar.events.store.EventsStore;

import java.time.Clock;
import java.util.List;

/**
 * Amazon EventBridge over awsJson1_1, described by a hand-written model. Buses, rules and targets
 * live in the storage SPI; PutEvents matches each event against its bus's enabled rules with
 * core's event-pattern matcher and hands it to the rules' targets through core's delivery queue.
 * Rules with a schedule expression run on core's timers.
 */
public final class EventsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("events", "events", Protocol.AWS_JSON_1_1,
            "dev/cloudjar/events/eventbridge.json", "AWSEvents", List.of(), false);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        Clock clock = Clock.systemUTC();
        EventsStore store = new EventsStore(context.state());
        CompiledPatterns patterns = new CompiledPatterns();
        BusOperations buses = new BusOperations(store, clock);
        operations.on("CreateEventBus", buses::createEventBus)
                .on("DeleteEventBus", buses::deleteEventBus)
                .on("DescribeEventBus", buses::describeEventBus)
                .on("ListEventBuses", buses::listEventBuses);
        TagOperations tags = new TagOperations(store);
        operations.on("TagResource", tags::tagResource)
                .on("UntagResource", tags::untagResource)
                .on("ListTagsForResource", tags::listTagsForResource);
        PutEventsOperations put = new PutEventsOperations(store, context.deliveries(), patterns, clock);
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
    }
}
