package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of malformed requests across the six protocols, from a fixed seed, over real
 * sockets: each starts as a valid request an AWS SDK marshals (or, for the query protocol and
 * rpcv2Cbor, one written by hand), signed so that its damage reaches the service's validation,
 * then damaged (see {@link Generator}). Every one must get an answer below 500 within the
 * deadline, and every connection must be either reusable afterwards or closed by the server
 * within the deadline. A failure prints each offending request and how to run it again alone:
 * {@code -Dcloudjar.malformed.cases=17,4242}. {@code -Dcloudjar.malformed.seed=n} explores with
 * another seed; {@code -Dcloudjar.malformed.verbose=true} prints every case and its answer.
 *
 * <p>Seeds: S3 (restXml), DynamoDB, DynamoDB Streams and SQS (awsJson1_0), Cognito user pools and
 * identity pools (awsJson1_1), Lambda (restJson1), STS and SQS (awsQuery), and the test service
 * that answers rpcv2Cbor, since no emulated service speaks it yet; then the requests issue #11
 * names ({@link IssueCases}).
 */
@Cloudjar
class MalformedRequestGeneratorTest {
    private static final long RUN_SEED = 20_251_107L;
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Clients sending side by side; {@code -Dcloudjar.malformed.clients=1} replays cases in order on one connection. */
    private static final int CLIENTS = Integer.getInteger("cloudjar.malformed.clients", 4);
    /** Enough failures to see a pattern; past them the run stops rather than wait out more deadlines. */
    private static final int MAX_FAILURES = 25;
    private static final Map<Protocol, Integer> CASES = new EnumMap<>(Map.of(
            Protocol.REST_XML, 1_300,
            Protocol.AWS_JSON_1_0, 1_300,
            Protocol.AWS_JSON_1_1, 900,
            Protocol.REST_JSON_1, 800,
            Protocol.AWS_QUERY, 800,
            Protocol.RPC_V2_CBOR, 500));

    /** One request's outcome, kept for the summary and, when it failed, for the report. */
    private record Failure(String label, Draft draft, Wire wire, String problem) {
        String report() {
            return "---- " + label + " " + draft.seed + ": " + problem + "\n   mutations: " + draft.notes + "\n"
                    + wire.describe().indent(3);
        }
    }

    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

    @Test
    void malformedRequestsGetA4xxWithinTheDeadlineAndLeaveNoConnectionOpen(URI endpoint) throws Exception {
        SdkCapture capture = new SdkCapture(endpoint);
        Map<Protocol, List<Seed>> seeds = new EnumMap<>(Protocol.class);
        SqsSeeds.Queues queues = SqsSeeds.Queues.create(endpoint);
        seeds.put(Protocol.REST_XML, S3Seeds.seeds(endpoint, capture));
        List<Seed> json10 = new ArrayList<>(DynamoDbSeeds.seeds(endpoint, capture));
        json10.addAll(SqsSeeds.json(queues, capture));
        seeds.put(Protocol.AWS_JSON_1_0, json10);
        seeds.put(Protocol.AWS_JSON_1_1, CognitoSeeds.seeds(endpoint, capture));
        seeds.put(Protocol.REST_JSON_1, LambdaSeeds.seeds(endpoint, capture));
        List<Seed> query = new ArrayList<>(StsAndCborSeeds.sts(capture));
        query.addAll(SqsSeeds.query(queues));
        seeds.put(Protocol.AWS_QUERY, query);
        seeds.put(Protocol.RPC_V2_CBOR, StsAndCborSeeds.cbor());

        // Another seed explores further (-Dcloudjar.malformed.seed=n); the suite always runs the fixed one.
        Generator generator = new Generator(seeds, CASES, Long.getLong("cloudjar.malformed.seed", RUN_SEED));
        List<Draft> issueCases = IssueCases.drafts(seeds);
        List<Integer> only = selectedCases();
        int total = only != null ? only.size() : generator.size() + issueCases.size();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    Client client = new Client(endpoint);
                    try {
                        int n;
                        while ((n = next.getAndIncrement()) < total && failures.size() < MAX_FAILURES) {
                            int index = only != null ? only.get(n) : n;
                            boolean issue = index >= generator.size();
                            Draft draft = issue ? issueCases.get(index - generator.size()) : generator.build(index);
                            client.send((issue ? "issue case " : "case ") + index, draft);
                        }
                    } finally {
                        client.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("malformed requests: " + total + " sent; answers by protocol and status: "
                + new TreeMap<>(answered.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
        assertTrue(failures.isEmpty(), () -> failures.size() + " malformed requests failed (run one again with"
                + " -Dcloudjar.malformed.cases=<n>):\n" + failures.stream().map(Failure::report).collect(Collectors.joining("\n")));
        assertTrue(total >= 5_000 || only != null, "the generator sent only " + total + " requests");
    }

    /** The cases named by -Dcloudjar.malformed.cases (issue cases follow the generated ones), or null for all. */
    private static List<Integer> selectedCases() {
        String property = System.getProperty("cloudjar.malformed.cases", "");
        if (property.isBlank()) {
            return null;
        }
        return Arrays.stream(property.split(",")).map(s -> Integer.parseInt(s.trim())).toList();
    }

    /** One client's connection, reused while the server keeps it open. */
    private final class Client {
        private final URI endpoint;
        private final ExecutorService writer = Executors.newSingleThreadExecutor();
        private Connection connection;
        private String previous;

        Client(URI endpoint) {
            this.endpoint = endpoint;
        }

        void send(String label, Draft draft) throws IOException, InterruptedException {
            Wire wire = draft.sign(endpoint);
            byte[] bytes = wire.bytes();
            if (wire.framingBroken) {
                sendBrokenFraming(label, draft, wire, bytes);
                return;
            }
            boolean reused = connection != null;
            if (connection == null) {
                connection = new Connection(endpoint, DEADLINE);
            }
            Connection.Answer answer;
            try {
                // Written beside the read, as a client that takes an answer given before its body was read.
                Connection open = connection;
                CompletableFuture<Boolean> written = CompletableFuture.supplyAsync(() -> open.write(bytes), writer);
                answer = open.read(wire.isHead());
                if (answer != null && !answer.closes()) {
                    written.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (Connection.Hang | TimeoutException e) {
                fail(label, draft, wire, "no answer within " + DEADLINE.toSeconds() + " s");
                drop();
                return;
            } catch (IOException | ExecutionException e) {
                fail(label, draft, wire, "unreadable answer: " + e);
                drop();
                return;
            }
            if (answer == null) {
                fail(label, draft, wire, reused
                        ? "the server closed the connection it kept open after " + previous + " instead of answering"
                        : "the server closed the connection without answering");
                drop();
                return;
            }
            check(label, draft, wire, answer);
            previous = label;
            if (answer.closes() || wire.version.equals("HTTP/1.0") && !"keep-alive".equalsIgnoreCase(answer.headers().get("connection"))) {
                expectClose(label, draft, wire);
            }
        }

        /** A request whose length lies: send it, say nothing more is coming, and read every answer until the close. */
        private void sendBrokenFraming(String label, Draft draft, Wire wire, byte[] bytes) throws IOException {
            drop();
            try (Connection once = new Connection(endpoint, DEADLINE)) {
                once.write(bytes);
                once.finishSending();
                Connection.Answer answer;
                // A server that cannot parse the request does not know it was a HEAD, and sends the body then.
                while ((answer = once.read(wire.isHead() ? null : Boolean.FALSE)) != null) {
                    check(label, draft, wire, answer);
                }
            } catch (Connection.Hang e) {
                fail(label, draft, wire, "neither answered nor closed within " + DEADLINE.toSeconds() + " s");
            } catch (IOException e) {
                fail(label, draft, wire, "unreadable answer: " + e);
            }
        }

        private void check(String label, Draft draft, Wire wire, Connection.Answer answer) {
            answered.computeIfAbsent(draft.protocol() + " " + answer.status(), k -> new AtomicInteger()).incrementAndGet();
            if (Boolean.getBoolean("cloudjar.malformed.verbose")) {
                String text = answer.text().replaceAll("\\s+", " ");
                System.out.println("CASE " + label + " " + draft.seed + " " + draft.notes + " -> " + answer.status() + " "
                        + Wire.escape(text.substring(0, Math.min(160, text.length()))));
            }
            if (answer.status() >= 500 && !notImplemented(draft, answer)) {
                String text = answer.text();
                fail(label, draft, wire, "answered " + answer.status() + ": " + Wire.escape(text.substring(0, Math.min(400, text.length()))));
            }
        }

        /**
         * S3 answers 501 NotImplemented, not a server fault, to a header that asks for what it
         * does not do (If-None-Match other than '*' on a write, Transfer-Encoding other than chunked).
         */
        private static boolean notImplemented(Draft draft, Connection.Answer answer) {
            return draft.protocol() == Protocol.REST_XML && answer.status() == 501
                    && answer.text().contains("<Code>NotImplemented</Code>");
        }

        private void expectClose(String label, Draft draft, Wire wire) throws IOException {
            if (!connection.closedByServer()) {
                fail(label, draft, wire, "the server said it would close the connection but left it open past "
                        + DEADLINE.toSeconds() + " s");
            }
            drop();
        }

        private void fail(String label, Draft draft, Wire wire, String problem) {
            failures.add(new Failure(label, draft, wire, problem));
        }

        private void drop() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }

        void close() {
            drop();
            writer.shutdownNow();
        }
    }
}
