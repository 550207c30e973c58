package dev.cloudjar.events.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.schedule.ScheduleExpression;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.Timers;
import dev.cloudjar.events.put.PutEventsOperations;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.RuleRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Runs rules with a ScheduleExpression: each enabled one has a core timer (id: the rule's ARN) at
 * its next time. When it comes due the rule's targets get EventBridge's "Scheduled Event"
 * ("Creating an Amazon EventBridge rule that runs on a schedule": source {@code aws.events},
 * detail-type {@code Scheduled Event}, the rule's ARN as the one resource, an empty detail), and
 * the timer is set for the next time. A rule's cron is read in UTC, as EventBridge does. Times
 * missed while the server was down are not made up: the next is the first after now.
 */
public final class RuleSchedules {
    public static final String OWNER = "events";

    /** What a timer carries to find its rule again. */
    record Payload(String accountId, String region, String busName, String ruleName) {
    }

    private final EventsStore store;
    private final Timers timers;
    private final PutEventsOperations put;

    public RuleSchedules(EventsStore store, Timers timers, PutEventsOperations put) {
        this.store = store;
        this.timers = timers;
        this.put = put;
        timers.register(OWNER, this::fire);
    }

    /** After a rule changed: its timer is set for its next time if it is an enabled scheduled rule, else cancelled. */
    void changed(Scope scope, RuleRecord rule) {
        if (rule.scheduleExpression() == null || !rule.enabled()) {
            timers.cancel(OWNER, rule.arn());
            return;
        }
        setNext(scope, rule, timers.now());
    }

    void deleted(String ruleArn) {
        timers.cancel(OWNER, ruleArn);
    }

    private void setNext(Scope scope, RuleRecord rule, Instant after) {
        ScheduleExpression.parse(rule.scheduleExpression()).next(after, ZoneOffset.UTC).ifPresentOrElse(
                next -> timers.set(OWNER, rule.arn(), next, new String(RecordJson.write(
                        new Payload(scope.accountId(), scope.region(), rule.eventBusName(), rule.name())),
                        java.nio.charset.StandardCharsets.UTF_8)),
                () -> timers.cancel(OWNER, rule.arn()));
    }

    private void fire(String ruleArn, String payloadJson, Instant due) {
        Payload payload = RecordJson.read(payloadJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), Payload.class);
        Scope scope = new Scope(payload.accountId(), payload.region());
        RuleRecord rule = store.rule(scope, payload.busName(), payload.ruleName()).orElse(null);
        if (rule == null || !rule.arn().equals(ruleArn) || !rule.enabled() || rule.scheduleExpression() == null) {
            return;
        }
        ObjectNode event = RecordJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", scope.accountId());
        event.put("time", PutEventsOperations.TIME.format(due));
        event.put("region", scope.region());
        event.putArray("resources").add(rule.arn());
        event.putObject("detail");
        put.deliverToTargets(scope, rule, event, PutEventsOperations.TIME.format(timers.now()));
        Instant now = timers.now();
        setNext(scope, rule, due.isAfter(now) ? due : now);
    }
}
