package dev.cloudjar.scheduler.run;

import dev.cloudjar.core.schedule.ScheduleExpression;
import dev.cloudjar.scheduler.store.ScheduleRecord;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a schedule next falls due. A one-time {@code at()} schedule runs at its time whatever its
 * StartDate and EndDate ("EventBridge Scheduler ignores StartDate and EndDate for one-time
 * schedules"); a recurring one runs no earlier than its StartDate and no later than its EndDate, a
 * rate counting whole periods from its StartDate, or from the minute it was last created or updated.
 */
final class Occurrences {
    private Occurrences() {
    }

    static Optional<Instant> next(ScheduleRecord s, Instant after) {
        ScheduleExpression expression = ScheduleExpression.parse(s.scheduleExpression(), false);
        ZoneId zone = ZoneId.of(s.scheduleExpressionTimezone());
        if (expression.isAt()) {
            return expression.next(after, zone);
        }
        // Scheduler works in whole minutes: a rate without a StartDate counts from the minute it was set in.
        Instant start = s.startDate() != null ? Instant.ofEpochMilli(s.startDate())
                : Instant.ofEpochMilli(s.lastModificationDate()).truncatedTo(ChronoUnit.MINUTES);
        Instant from = s.startDate() != null && start.isAfter(after) ? start.minusMillis(1) : after;
        Optional<Instant> next = expression.next(from, zone, start);
        return next.filter(t -> s.endDate() == null || !t.isAfter(Instant.ofEpochMilli(s.endDate())));
    }
}
