package dev.cloudjar.scheduler.run;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of target ("Using templated targets", "Using universal targets" in the Scheduler
 * User Guide): a resource's ARN (a function, queue, topic or event bus), or
 * {@code arn:aws:scheduler:::aws-sdk:<service>:<apiAction>}, which runs that API action with the
 * target's Input as its request.
 */
public final class Targets {
    private static final Pattern UNIVERSAL = Pattern.compile("arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)");

    /** Universal targets name services as the SDKs do; Cloudjar's registry knows a few by other names. */
    private static final Map<String, String> SERVICES = Map.of(
            "eventbridge", "events",
            "cognitoidentityprovider", "cognito-idp",
            "cognitoidentity", "cognito-identity");

    /** A universal target's operation: Cloudjar's service name and the operation's AWS name. */
    public record Operation(String service, String operation) {
    }

    private Targets() {
    }

    public static boolean isUniversal(String arn) {
        return arn != null && arn.contains(":scheduler:::aws-sdk:");
    }

    /** {@code sqs:sendMessage} → sqs, SendMessage; null for an ARN that is not a universal target's. */
    public static Operation universalOperation(String arn) {
        Matcher m = UNIVERSAL.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        String action = m.group(2);
        return new Operation(SERVICES.getOrDefault(m.group(1), m.group(1)),
                action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1));
    }
}
