package dev.cloudjar.core.spi;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An X-Ray tracing header, {@code X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;
 * Parent=53995c3f42cd8ad8;Sampled=1}: the trace a request belongs to, which a service hands on
 * to what it calls (Lambda to the function, SQS to the message's AWSTraceHeader).
 *
 * @param root    the trace id: version 1, the epoch second in 8 hex digits, 96 random bits in 24
 * @param parent  the calling segment's 16 hex digits, or null
 * @param sampled "1", "0" or "?" (the caller left the decision to the service), or null
 */
public record TraceHeader(String root, String parent, String sampled) {
    public static final String NAME = "X-Amzn-Trace-Id";

    private static final Pattern ROOT = Pattern.compile("1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}");
    private static final Pattern PARENT = Pattern.compile("[0-9a-fA-F]{16}");
    private static final Pattern SAMPLED = Pattern.compile("[01?]");

    /**
     * The header as a client sent it, or null when it carries no valid Root. Keys are read
     * without regard to case (Lambda itself writes {@code root=...;sampled=0}); fields other than
     * Root, Parent and Sampled (Lineage, Self) are X-Ray's and ALB's own and are dropped.
     */
    public static TraceHeader parse(String header) {
        if (header == null) {
            return null;
        }
        String root = null;
        String parent = null;
        String sampled = null;
        for (String field : header.split(";")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = field.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(eq + 1).trim();
            switch (key) {
                case "root" -> root = ROOT.matcher(value).matches() ? value : null;
                case "parent" -> parent = PARENT.matcher(value).matches() ? value : null;
                case "sampled" -> sampled = SAMPLED.matcher(value).matches() ? value : null;
                default -> {
                    // Lineage, Self and keys of later X-Ray versions: not Cloudjar's to keep.
                }
            }
        }
        return root == null ? null : new TraceHeader(root, parent, sampled);
    }

    /** A new trace, unsampled: Cloudjar records no segments, and says so to what it calls. */
    public static TraceHeader create(Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder root = new StringBuilder(35).append("1-");
        hex(root, now.getEpochSecond(), 8).append('-');
        hex(root, random.nextInt(), 8);
        hex(root, random.nextLong(), 16);
        return new TraceHeader(root.toString(), null, "0");
    }

    /** The low {@code digits} hex digits of value, zero-padded (String.format costs a microsecond a request). */
    private static StringBuilder hex(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
        }
        return out;
    }

    /** The header's value, fields in X-Ray's order. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(80).append("Root=").append(root);
        if (parent != null) {
            out.append(";Parent=").append(parent);
        }
        if (sampled != null) {
            out.append(";Sampled=").append(sampled);
        }
        return out.toString();
    }
}
