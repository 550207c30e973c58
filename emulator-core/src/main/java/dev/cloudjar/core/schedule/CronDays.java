package dev.cloudjar.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Which days a cron expression's day field (the one that is not {@code ?}) selects. */
interface CronDays {
    boolean matches(LocalDate day);

    /** Day-of-month: numbers, ranges, increments, {@code *}, {@code L} (last day), {@code nW} and {@code LW} (nearest weekday). */
    static CronDays dayOfMonth(String field) {
        List<CronDays> rules = new ArrayList<>();
        BitSet plain = new BitSet();
        for (String item : field.split(",", -1)) {
            if (item.equals("L")) {
                rules.add(d -> d.getDayOfMonth() == d.lengthOfMonth());
            } else if (item.equals("LW")) {
                rules.add(d -> d.equals(nearestWeekday(YearMonth.from(d), d.lengthOfMonth())));
            } else if (item.matches("\\d{1,2}W")) {
                int n = CronField.number(item.substring(0, item.length() - 1), 1, 31, null, "Day-of-month");
                rules.add(d -> n <= d.lengthOfMonth() && d.equals(nearestWeekday(YearMonth.from(d), n)));
            } else {
                plain.or(CronField.values(item, 1, 31, null, "Day-of-month"));
            }
        }
        rules.add(d -> plain.get(d.getDayOfMonth()));
        return d -> rules.stream().anyMatch(r -> r.matches(d));
    }

    /** Day-of-week (1 = SUN … 7 = SAT): numbers, names, ranges, increments, {@code *}, {@code L} (Saturday), {@code nL} (the month's last), {@code n#k} (its k-th). */
    static CronDays dayOfWeek(String field, String[] names) {
        List<CronDays> rules = new ArrayList<>();
        BitSet plain = new BitSet();
        for (String item : field.split(",", -1)) {
            if (item.equals("L")) {
                plain.set(7);
            } else if (item.endsWith("L") && item.length() > 1) {
                int n = CronField.number(item.substring(0, item.length() - 1), 1, 7, names, "Day-of-week");
                rules.add(d -> cronDay(d) == n && d.plusWeeks(1).getMonth() != d.getMonth());
            } else if (item.contains("#")) {
                String[] parts = item.split("#", -1);
                int n = CronField.number(parts[0], 1, 7, names, "Day-of-week");
                int k = CronField.number(parts[1], 1, 5, null, "Day-of-week");
                rules.add(d -> cronDay(d) == n && (d.getDayOfMonth() - 1) / 7 + 1 == k);
            } else {
                plain.or(CronField.values(item, 1, 7, names, "Day-of-week"));
            }
        }
        rules.add(d -> plain.get(cronDay(d)));
        return d -> rules.stream().anyMatch(r -> r.matches(d));
    }

    private static int cronDay(LocalDate d) {
        return d.getDayOfWeek().getValue() % 7 + 1;
    }

    /** The weekday nearest the {@code n}-th, within the same month (W "does not cross into a different month"). */
    private static LocalDate nearestWeekday(YearMonth month, int n) {
        LocalDate d = month.atDay(n);
        DayOfWeek w = d.getDayOfWeek();
        if (w == DayOfWeek.SATURDAY) {
            return n == 1 ? d.plusDays(2) : d.minusDays(1);
        }
        if (w == DayOfWeek.SUNDAY) {
            return n == month.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
        }
        return d;
    }
}
