package dev.cloudjar.core.events;

/**
 * A pattern or filter policy the service must refuse. {@link #getMessage()} is the whole text
 * AWS answers with: EventBridge's InvalidEventPatternException ("Event pattern is not valid.
 * Reason: ...") or SNS's InvalidParameter ("Invalid parameter: FilterPolicy: ..."). SNS words the
 * same reason differently per operation (Subscribe answers "Invalid parameter: Attributes Reason:
 * FilterPolicy: ..."), so the bare {@link #reason()} is there for the caller to prefix.
 */
public final class InvalidPatternException extends IllegalArgumentException {
    private final Dialect dialect;
    private final String reason;

    InvalidPatternException(Dialect dialect, String reason) {
        super(messageFor(dialect, reason));
        this.dialect = dialect;
        this.reason = reason;
    }

    private static String messageFor(Dialect dialect, String reason) {
        return dialect.isSns() ? "Invalid parameter: " + reason : "Event pattern is not valid. Reason: " + reason;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The text after the service's prefix, e.g. {@code FilterPolicy: Filter policy is too complex}. */
    public String reason() {
        return reason;
    }
}
