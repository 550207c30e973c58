package dev.cloudjar.bench;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Prints event delivery figures; asserts nothing. Run from the repository root after building
 * (see README, "Benchmarks", for the class path):
 * <pre>
 * java -cp "integration-tests/target/test-classes:$(cat /tmp/cp.txt)" dev.cloudjar.bench.EventDeliveryBenchmark
 * </pre>
 * <ul>
 *   <li>PutEvents → SQS target delivery latency (p50, p99): from calling PutEvents to the
 *       message arriving in a long poll that was already waiting, one event at a time, with 1 and
 *       with 100 rules on the bus (each rule with its own pattern; one matches);</li>
 *   <li>events/s matched against 100 rules: 8 threads putting 10 events per call for 10 s,
 *       then the time until every matched event is in its queue (end-to-end rate);</li>
 *   <li>SNS Publish → 3 SQS subscribers: messages/s published by 8 threads for 10 s, and the
 *       fan-out rate until all three copies of each are in their queues.</li>
 * </ul>
 * The server runs in this JVM, so client and server share the two cores: the figures are a
 * floor on what a separate server does.
 */
public final class EventDeliveryBenchmark {
    private static final int THREADS = 8;
    private static final long SECONDS = 10;

    private EventDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build())) {
            URI endpoint = URI.create(server.endpoint());
            try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint);
                 SnsClient sns = Clients.sns(endpoint)) {
                System.out.println("load average before: " + loadAverage());
                for (int rules : List.of(1, 100)) {
                    latency(server, events, sqs, rules, samples);
                }
                throughput(server, events, sqs);
                fanOut(server, sns, sqs);
                System.out.println("load average after: " + loadAverage());
            }
        }
    }

    /** A bus with {@code rules} rules, rule 0 matching source "bench" and targeting a new queue; the queue's URL. */
    private static String bus(EventBridgeClient events, SqsClient sqs, String bus, int rules) {
        events.createEventBus(b -> b.name(bus));
        String url = sqs.createQueue(b -> b.queueName(bus + "-target")).queueUrl();
        String arn = Queues.arn(sqs, url);
        for (int i = 0; i < rules; i++) {
            String source = i == 0 ? "bench" : "other-" + i;
            String rule = "r" + i;
            events.putRule(b -> b.eventBusName(bus).name(rule)
                    .eventPattern("{\"source\":[\"" + source + "\"],\"detail\":{\"n\":[{\"numeric\":[\">=\",0]}]}}"));
            if (i == 0) {
                events.putTargets(b -> b.eventBusName(bus).rule(rule).targets(t -> t.id("q").arn(arn)));
            }
        }
        return url;
    }

    private static PutEventsRequestEntry event(String bus, long n) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source("bench").detailType("Tick")
                .detail("{\"n\":" + n + "}").build();
    }

    private static void latency(CloudjarServer server, EventBridgeClient events, SqsClient sqs, int rules, int samples)
            throws Exception {
        String bus = "latency-" + rules;
        String url = bus(events, sqs, bus, rules);
        ExecutorService poller = Executors.newSingleThreadExecutor();
        List<Double> millis = new ArrayList<>();
        List<Double> putMillis = new ArrayList<>();
        try {
            for (int i = -300; i < samples; i++) {
                Future<List<Message>> arriving = poller.submit(() -> sqs.receiveMessage(b -> b.queueUrl(url)
                        .waitTimeSeconds(20)).messages());
                Thread.sleep(2); // the long poll is waiting before the event is put
                long start = System.nanoTime();
                PutEventsResponse put = events.putEvents(b -> b.entries(event(bus, 1)));
                long putDone = System.nanoTime();
                List<Message> got = arriving.get(30, TimeUnit.SECONDS);
                long elapsed = System.nanoTime() - start;
                if (put.failedEntryCount() != 0 || got.size() != 1) {
                    throw new IllegalStateException("event not delivered: " + put + " " + got);
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
                if (i >= 0) {
                    millis.add(elapsed / 1e6);
                    putMillis.add((putDone - start) / 1e6);
                }
            }
        } finally {
            poller.shutdownNow();
        }
        Collections.sort(millis);
        Collections.sort(putMillis);
        System.out.printf(Locale.ROOT, "PutEvents → SQS target, %d rule(s) on the bus, %d events one at a time:"
                        + " p50 %.2f ms, p99 %.2f ms (PutEvents call included; the call alone p50 %.2f ms)%n", rules,
                samples, millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.99)),
                putMillis.get(putMillis.size() / 2));
    }

    private static void throughput(CloudjarServer server, EventBridgeClient events, SqsClient sqs) throws Exception {
        String bus = "throughput";
        String url = bus(events, sqs, bus, 100);
        AtomicLong put = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        long start = System.nanoTime();
        run(() -> {
            while (System.nanoTime() < deadline) {
                List<PutEventsRequestEntry> batch = IntStream.range(0, 10).mapToObj(i -> event(bus, i)).toList();
                PutEventsResponse r = events.putEvents(b -> b.entries(batch));
                put.addAndGet(10 - r.failedEntryCount());
            }
        });
        double putSeconds = (System.nanoTime() - start) / 1e9;
        waitForDeliveries(server);
        double allSeconds = (System.nanoTime() - start) / 1e9;
        long queued = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        System.out.printf(Locale.ROOT, "PutEvents, 100 rules on the bus, %d threads × 10 events per call: %.0f events/s"
                        + " accepted; %.0f events/s end to end (%d of %d in the queue after %.1f s)%n", THREADS,
                put.get() / putSeconds, queued / allSeconds, queued, put.get(), allSeconds);
    }

    private static void fanOut(CloudjarServer server, SnsClient sns, SqsClient sqs) throws Exception {
        String topic = sns.createTopic(b -> b.name("fan-out")).topicArn();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String url = sqs.createQueue(b -> b.queueName("subscriber-" + urls.size())).queueUrl();
            String arn = Queues.arn(sqs, url);
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn));
            urls.add(url);
        }
        AtomicLong published = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        long start = System.nanoTime();
        run(() -> {
            while (System.nanoTime() < deadline) {
                sns.publish(b -> b.topicArn(topic).message("{\"n\":1}"));
                published.incrementAndGet();
            }
        });
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        waitForDeliveries(server);
        double allSeconds = (System.nanoTime() - start) / 1e9;
        long delivered = 0;
        for (String url : urls) {
            delivered += Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
        System.out.printf(Locale.ROOT, "SNS Publish → 3 SQS subscribers, %d threads: %.0f messages/s published;"
                        + " %.0f messages/s delivered (%d of %d copies after %.1f s)%n", THREADS,
                published.get() / publishSeconds, delivered / allSeconds, delivered, published.get() * 3, allSeconds);
    }

    private static void run(Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(pool.submit(work));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitForDeliveries(CloudjarServer server) throws InterruptedException {
        while (server.pendingDeliveries() > 0) {
            Thread.sleep(5);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
