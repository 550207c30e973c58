package dev.cloudjar.events.store;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.events.EventsErrors;

/**
 * Names and ARNs of buses and rules as EventBridge forms them: {@code event-bus/<name>}; a rule of
 * the default bus is {@code rule/<name>}, of another bus {@code rule/<bus>/<name>}.
 */
public final class Buses {
    public static final String DEFAULT = "default";
    private static final String BUS_PREFIX = "event-bus/";

    private Buses() {
    }

    /** The bus an EventBusName member names (a name or an ARN); the default bus when absent. */
    public static String name(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return DEFAULT;
        }
        if (nameOrArn.startsWith("arn:")) {
            String resource = Arn.parse(nameOrArn).resource();
            if (!resource.startsWith(BUS_PREFIX)) {
                throw EventsErrors.validation("Parameter EventBusName is not valid.");
            }
            return resource.substring(BUS_PREFIX.length());
        }
        return nameOrArn;
    }

    public static String arn(Scope scope, String name) {
        return Arn.of("events", scope, BUS_PREFIX + name).toString();
    }

    public static String ruleArn(Scope scope, String busName, String ruleName) {
        return Arn.of("events", scope, DEFAULT.equals(busName) ? "rule/" + ruleName : "rule/" + busName + "/" + ruleName)
                .toString();
    }

    /** Whether the bus exists: the default one always, another when stored. */
    public static boolean exists(EventsStore store, Scope scope, String name) {
        return DEFAULT.equals(name) || store.bus(scope, name).isPresent();
    }
}
