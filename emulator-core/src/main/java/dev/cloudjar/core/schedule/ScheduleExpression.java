package dev.cloudjar.core.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule expression of EventBridge rules and EventBridge Scheduler, parsed, with the next time
 * it falls due: {@code at(yyyy-mm-ddThh:mm:ss)} (Scheduler's one-time schedules),
 * {@code rate(value unit)} and six-field {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}
 * as the EventBridge User Guide ("Schedule expressions for rules") and the Scheduler User Guide
 * ("Schedule types") describe them. EventBridge rules accept only rate and cron ({@link #isAt()}).
 */
public sealed interface ScheduleExpression {

    /**
     * @throws InvalidScheduleExpressionException with the reason, for anything that is not one of
     *                                            the three forms with AWS's field syntax
     */
    static ScheduleExpression parse(String expression) {
        return parse(expression, true);
    }

    /**
     * As {@link #parse(String)}; with {@code rateUnitMustAgree} false a rate's unit may be singular
     * or plural whatever its value, as EventBridge Scheduler takes {@code rate(2 minute)} (recorded
     * from AWS) where EventBridge rules refuse it.
     */
    static ScheduleExpression parse(String expression, boolean rateUnitMustAgree) {
        if (expression == null) {
            throw new InvalidScheduleExpressionException("no expression");
        }
        if (expression.startsWith("at(")) {
            return At.parse(expression);
        }
        if (expression.startsWith("rate(")) {
            return Rate.parse(expression, rateUnitMustAgree);
        }
        if (expression.startsWith("cron(")) {
            return Cron.parse(expression);
        }
        throw new InvalidScheduleExpressionException("not at(...), rate(...) or cron(...): " + expression);
    }

    /**
     * The first time strictly after {@code after} that the expression falls due, its wall-clock
     * fields read in {@code zone}; empty when it never will again. A rate counts from
     * {@code after} (see {@link #next(Instant, ZoneId, Instant)} for one anchored at a start).
     */
    default Optional<Instant> next(Instant after, ZoneId zone) {
        return next(after, zone, after);
    }

    /**
     * As {@link #next(Instant, ZoneId)}, with a rate's occurrences at {@code start} plus whole
     * periods (Scheduler runs a rate schedule from its StartDate, or from its creation).
     */
    Optional<Instant> next(Instant after, ZoneId zone, Instant start);

    /** Whether this is a one-time {@code at()} expression. */
    default boolean isAt() {
        return this instanceof At;
    }

    /** {@code at(yyyy-mm-ddThh:mm:ss)}: once, at that wall-clock time in the schedule's time zone. */
    record At(LocalDateTime time) implements ScheduleExpression {
        private static final Pattern FORM = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

        static At parse(String expression) {
            Matcher m = FORM.matcher(expression);
            if (!m.matches()) {
                throw new InvalidScheduleExpressionException("at() takes yyyy-mm-ddThh:mm:ss: " + expression);
            }
            try {
                return new At(LocalDateTime.parse(m.group(1), DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            } catch (DateTimeException e) {
                throw new InvalidScheduleExpressionException("not a date and time: " + m.group(1));
            }
        }

        /** The instant it names in {@code zone}; a wall-clock time skipped by a DST change is moved past the gap. */
        public Instant instant(ZoneId zone) {
            return time.atZone(zone).toInstant();
        }

        @Override
        public Optional<Instant> next(Instant after, ZoneId zone, Instant start) {
            Instant at = instant(zone);
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }
    }

    /**
     * {@code rate(value unit)}: every {@code value} minutes, hours or days. The unit is singular
     * for a value of 1 and plural otherwise ("rate(1 minutes)" and "rate(5 minute)" are refused).
     */
    record Rate(long value, ChronoUnit unit) implements ScheduleExpression {
        private static final Pattern FORM = Pattern.compile("rate\\(([1-9][0-9]{0,8}) (minute|minutes|hour|hours|day|days)\\)");

        static Rate parse(String expression, boolean unitMustAgree) {
            Matcher m = FORM.matcher(expression);
            if (!m.matches()) {
                throw new InvalidScheduleExpressionException("rate() takes a positive whole value and minute(s), hour(s) or day(s): " + expression);
            }
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2);
            if (unitMustAgree && (value == 1) == unit.endsWith("s")) {
                throw new InvalidScheduleExpressionException("the unit is singular for 1 and plural otherwise: " + expression);
            }
            ChronoUnit u = unit.startsWith("minute") ? ChronoUnit.MINUTES : unit.startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new Rate(value, u);
        }

        public Duration period() {
            return unit.getDuration().multipliedBy(value);
        }

        @Override
        public Optional<Instant> next(Instant after, ZoneId zone, Instant start) {
            if (start.isAfter(after)) {
                return Optional.of(start);
            }
            long periodMillis = period().toMillis();
            long elapsed = after.toEpochMilli() - start.toEpochMilli();
            return Optional.of(start.plusMillis((elapsed / periodMillis + 1) * periodMillis));
        }
    }

    /**
     * Six-field {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}: minutes 0–59, hours
     * 0–23, day-of-month 1–31 (with {@code L} and {@code W}), month 1–12 or JAN–DEC, day-of-week
     * 1–7 or SUN–SAT (1 is Sunday; with {@code L} and {@code #}), year 1970–2199; {@code , - * /}
     * in every field. One of the day fields must be {@code ?}: "you can't specify the Day-of-month
     * and Day-of-week fields in the same cron expression".
     */
    final class Cron implements ScheduleExpression {
        private static final Pattern FORM = Pattern.compile("cron\\(([^()]*)\\)");
        private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
        private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
        private static final int FIRST_YEAR = 1970;
        private static final int LAST_YEAR = 2199;

        static Cron parse(String expression) {
            Matcher m = FORM.matcher(expression);
            if (!m.matches()) {
                throw new InvalidScheduleExpressionException("cron() takes six fields: " + expression);
            }
            String[] f = m.group(1).trim().split(" +");
            if (f.length != 6) {
                throw new InvalidScheduleExpressionException("cron() takes six fields, not " + f.length + ": " + expression);
            }
            boolean domAny = f[2].equals("?");
            boolean dowAny = f[4].equals("?");
            if (domAny == dowAny) {
                throw new InvalidScheduleExpressionException("one of Day-of-month and Day-of-week must be ?: " + expression);
            }
            BitSet minutes = CronField.values(f[0], 0, 59, null, "Minutes");
            BitSet hours = CronField.values(f[1], 0, 23, null, "Hours");
            BitSet months = CronField.values(f[3], 1, 12, MONTHS, "Month");
            BitSet years = CronField.values(f[5], FIRST_YEAR, LAST_YEAR, null, "Year");
            CronDays days = domAny ? CronDays.dayOfWeek(f[4], DAYS) : CronDays.dayOfMonth(f[2]);
            return new Cron(expression, minutes, hours, months, years, days);
        }

        private final String expression;
        private final BitSet minuteSet;
        private final BitSet hourSet;
        private final BitSet monthSet;
        private final BitSet yearSet;
        private final CronDays dayRule;

        private Cron(String expression, BitSet minutes, BitSet hours, BitSet months, BitSet years, CronDays days) {
            this.expression = expression;
            this.minuteSet = minutes;
            this.hourSet = hours;
            this.monthSet = months;
            this.yearSet = years;
            this.dayRule = days;
        }

        @Override
        public String toString() {
            return expression;
        }

        /**
         * The next matching minute after {@code after}. Across a daylight-saving change it runs as
         * Scheduler's User Guide ("Daylight saving time") says: a wall-clock time the spring change
         * skips does not run, and a time the autumn change repeats runs once, at its first occurrence.
         */
        @Override
        public Optional<Instant> next(Instant after, ZoneId zone, Instant start) {
            LocalDateTime from = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
            LocalDate day = from.toLocalDate();
            while (day.getYear() <= LAST_YEAR) {
                if (!yearSet.get(day.getYear())) {
                    int year = yearSet.nextSetBit(day.getYear());
                    if (year < 0) {
                        return Optional.empty();
                    }
                    day = LocalDate.of(year, 1, 1);
                    continue;
                }
                if (!monthSet.get(day.getMonthValue())) {
                    day = day.with(TemporalAdjusters.firstDayOfNextMonth());
                    continue;
                }
                if (dayRule.matches(day)) {
                    for (int h = hourSet.nextSetBit(0); h >= 0; h = hourSet.nextSetBit(h + 1)) {
                        for (int min = minuteSet.nextSetBit(0); min >= 0; min = minuteSet.nextSetBit(min + 1)) {
                            LocalDateTime candidate = day.atTime(LocalTime.of(h, min));
                            if (candidate.isBefore(from)) {
                                continue;
                            }
                            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(candidate);
                            if (offsets.isEmpty()) {
                                continue;
                            }
                            Instant at = candidate.toInstant(offsets.get(0));
                            if (at.isAfter(after)) {
                                return Optional.of(at);
                            }
                        }
                    }
                }
                day = day.plusDays(1);
            }
            return Optional.empty();
        }
    }
}
