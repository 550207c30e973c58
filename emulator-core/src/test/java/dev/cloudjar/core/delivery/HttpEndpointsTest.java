package dev.cloudjar.core.delivery;

import com.sun.net.httpserver.HttpServer;
import dev.cloudjar.core.spi.Attempt;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.HttpDelivery;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Core's HTTP receiver on the delivery queue, against an HTTP server in the test. */
class HttpEndpointsTest {
    private static final String SOURCE = "arn:aws:sns:us-east-1:000000000000:topic";
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dead-letters";
    /** A back-off of an hour: a retry that arrives at once came from the request's own schedule. */
    private static final RetryPolicy SLOW = new RetryPolicy(3, Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));

    private final MemoryStateStore state = new MemoryStateStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final DeliveryQueue queue = new DeliveryQueue(state, workers, scheduler, Clock.systemUTC());
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String> deadLetters = new LinkedBlockingQueue<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("X-Test") + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        queue.register(HttpDelivery.RECEIVER, new HttpEndpoints(queue));
        queue.register("sqs", new DeliveryTarget() {
            @Override
            public void deliver(Delivery delivery, Attempt attempt) {
                deadLetters.add(delivery.body());
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?x=1";
    }

    private HttpDelivery request(String url, boolean clientErrorsDelivered) {
        return new HttpDelivery("PUT", url, Map.of("X-Test", "yes", "Host", "ignored"), "{\"a\":1}", 2_000,
                Set.of(429), true, clientErrorsDelivered, List.of(0L, 0L), DLQ, "dead letter");
    }

    private String next() throws InterruptedException {
        String request = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(request, "no request arrived");
        return request;
    }

    @Test
    void theRequestArrivesWithItsMethodHeadersAndBody() throws InterruptedException {
        queue.submit(request(url(), false).delivery(SOURCE, "000000000000", SLOW));
        assertEquals("PUT /hook?x=1 yes {\"a\":1}", next());
    }

    @Test
    void aRetriedStatusIsRetriedOnTheRequestsOwnScheduleThenDelivered() throws InterruptedException {
        statuses.add(503);
        statuses.add(429);
        queue.submit(request(url(), false).delivery(SOURCE, "000000000000", SLOW));
        next();
        next();
        next();
        assertNull(deadLetters.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void anAnswerThatIsNotRetriedGivesUpAtOnceAndSendsTheDeadLetter() throws InterruptedException {
        statuses.add(400);
        queue.submit(request(url(), false).delivery(SOURCE, "000000000000", SLOW));
        next();
        assertEquals("dead letter", deadLetters.poll(10, TimeUnit.SECONDS));
        assertNull(received.poll(200, TimeUnit.MILLISECONDS), "not retried");
    }

    @Test
    void aClientErrorCountsAsDeliveredWhenTheOwnerSaysSo() throws InterruptedException {
        statuses.add(404);
        queue.submit(request(url(), true).delivery(SOURCE, "000000000000", SLOW));
        next();
        assertNull(deadLetters.poll(200, TimeUnit.MILLISECONDS));
        assertNull(received.poll(200, TimeUnit.MILLISECONDS), "not retried");
    }

    @Test
    void noAnswerIsRetriedUntilTheAttemptsAreSpentThenTheDeadLetterGoes() throws InterruptedException {
        int port = server.getAddress().getPort();
        server.stop(0);
        queue.submit(request("http://127.0.0.1:" + port + "/gone", false).delivery(SOURCE, "000000000000", SLOW));
        assertEquals("dead letter", deadLetters.poll(10, TimeUnit.SECONDS));
    }
}
