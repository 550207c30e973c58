package dev.cloudjar.core.protocol.conformance;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.ProtocolCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs every server-side Smithy protocol test of one protocol against its codec and reports each
 * case as a dynamic test. A case can only be left out through the skip list, with its reason; a
 * skip that matches no case fails, so the list never goes stale.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> restXml() {
 *     return ConformanceSuite.dynamicTests(Protocol.REST_XML, new RestXmlCodec(...), Map.of(
 *             "SomeCaseId", "why it cannot pass"));
 * }
 * }</pre>
 */
public final class ConformanceSuite {
    /** A skip reason the lists of several protocols give. */
    public static final String CONTENT_LENGTH = "expects Content-Length: 0, which the HTTP server "
            + "(HttpDispatchHandler) sets on every response from the body's length; a codec's response has none";

    private ConformanceSuite() {
    }

    private record Outcome(String id, Group group, String skipReason, Throwable failure) {
    }

    /** What the report counts apart: requests the server parses, responses and errors it writes, requests it rejects. */
    private enum Group {
        REQUESTS("requests"), RESPONSES("responses"), MALFORMED_REQUESTS("malformed requests");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        static Group of(ConformanceCase c) {
            if (c instanceof ConformanceCase.RequestCase) {
                return REQUESTS;
            }
            return c instanceof ConformanceCase.MalformedCase ? MALFORMED_REQUESTS : RESPONSES;
        }
    }

    public static Stream<DynamicTest> dynamicTests(Protocol protocol, ProtocolCodec codec, Map<String, String> skips) {
        ConformanceRunner runner = new ConformanceRunner(codec);
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConformanceCase c : SmithyProtocolTests.load().cases(protocol)) {
            ids.add(c.id());
            outcomes.add(skips.containsKey(c.id()) ? new Outcome(c.id(), Group.of(c), skips.get(c.id()), null)
                    : run(runner, c));
        }
        report(protocol, outcomes);
        List<String> stale = skips.keySet().stream().filter(id -> !ids.contains(id)).sorted().toList();
        Stream<DynamicTest> staleCheck = Stream.of(DynamicTest.dynamicTest("skip list names only existing cases",
                () -> {
                    if (!stale.isEmpty()) {
                        throw new AssertionError("skips for unknown cases: " + stale);
                    }
                }));
        return Stream.concat(outcomes.stream().map(ConformanceSuite::dynamicTest), staleCheck);
    }

    private static Outcome run(ConformanceRunner runner, ConformanceCase c) {
        try {
            runner.run(c);
            return new Outcome(c.id(), Group.of(c), null, null);
        } catch (Throwable t) {
            return new Outcome(c.id(), Group.of(c), null, t);
        }
    }

    private static DynamicTest dynamicTest(Outcome outcome) {
        return DynamicTest.dynamicTest(outcome.id(), () -> {
            Assumptions.assumeTrue(outcome.skipReason() == null, () -> "skipped: " + outcome.skipReason());
            if (outcome.failure() instanceof AssertionError e) {
                throw e;
            }
            if (outcome.failure() != null) {
                throw new AssertionError(firstLine(outcome.failure()), outcome.failure());
            }
        });
    }

    private static void report(Protocol protocol, List<Outcome> outcomes) {
        System.out.printf("Smithy protocol tests %s: %s%n", protocol.traitId(), counts(outcomes));
        for (Group group : Group.values()) {
            System.out.printf("  %s: %s%n", group.label,
                    counts(outcomes.stream().filter(o -> o.group() == group).toList()));
        }
        outcomes.stream().filter(o -> o.skipReason() != null)
                .forEach(o -> System.out.printf("  skipped %s: %s%n", o.id(), o.skipReason()));
        outcomes.stream().filter(o -> o.failure() != null)
                .forEach(o -> System.out.printf("  FAILED %s: %s%n", o.id(), firstLine(o.failure())));
    }

    private static String counts(List<Outcome> outcomes) {
        long skipped = outcomes.stream().filter(o -> o.skipReason() != null).count();
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        long passed = outcomes.size() - skipped - failed;
        return String.format("%d passed, %d failed, %d skipped (of %d)", passed, failed, skipped, outcomes.size());
    }

    private static String firstLine(Throwable t) {
        String text = t instanceof AwsException e ? "AwsException " + e.code() + " (" + e.status() + "): " + e.getMessage()
                : t instanceof AssertionError && t.getMessage() != null ? t.getMessage() : t.toString();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
