package dev.cloudjar.events.rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of a rule's ScheduleExpression ("Creating an Amazon EventBridge rule that runs on a
 * schedule"): {@code rate(<value> <unit>)}, the unit singular for 1 and plural otherwise, or
 * {@code cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)} with one of the two
 * day fields {@code ?}. Only the syntax is checked: rules are not yet run on their schedule.
 */
final class ScheduleExpressions {
    private static final Pattern RATE = Pattern.compile("rate\\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\(([^()]+)\\)");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?,/#L W-]+");

    private ScheduleExpressions() {
    }

    static boolean valid(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            boolean one = rate.group(1).equals("1");
            return one != rate.group(2).endsWith("s");
        }
        Matcher cron = CRON.matcher(expression);
        if (!cron.matches()) {
            return false;
        }
        String[] fields = cron.group(1).trim().split(" +");
        if (fields.length != 6) {
            return false;
        }
        for (String f : fields) {
            if (!FIELD.matcher(f).matches()) {
                return false;
            }
        }
        return fields[2].equals("?") != fields[4].equals("?");
    }
}
