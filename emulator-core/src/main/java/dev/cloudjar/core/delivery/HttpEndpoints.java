package dev.cloudjar.core.delivery;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Attempt;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.HttpClients;
import dev.cloudjar.core.spi.HttpDelivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Core's receiver for {@link HttpDelivery}: makes the request with the JDK's client. It runs on a
 * delivery worker (never an event loop) and waits at most the request's timeout; the answer
 * decides between delivered, retried (a failed attempt, so the queue's count and back-off apply)
 * and given up, as the request's owner stated. A given-up request's dead letter is sent from here,
 * since the request, not the payload the owner meant for the dead-letter queue, is the delivery's body.
 */
public final class HttpEndpoints implements DeliveryTarget {
    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "date", "via", "warning");

    private final Deliveries deliveries;

    public HttpEndpoints(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void deliver(Delivery delivery, Attempt attempt) {
        HttpDelivery request = HttpDelivery.of(delivery);
        int status = send(request);
        if (request.retries(status)) {
            throw new AwsException("EndpointFailure", 502, request.url() + " answered " + status);
        }
        if (!request.delivered(status)) {
            throw new AwsException("EndpointRefused", 400, request.url() + " answered " + status);
        }
    }

    private int send(HttpDelivery request) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(request.url()));
        } catch (IllegalArgumentException e) {
            throw new AwsException("InvalidEndpoint", 400, "not a URL: " + request.url(), e);
        }
        builder.timeout(Duration.ofMillis(request.timeoutMillis()))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (!CLIENT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        try {
            return HttpClients.shared().send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // No answer (refused, reset, timed out): a server-side failure in SNS's and EventBridge's terms.
            if (request.retryServerErrors()) {
                throw new AwsException("EndpointUnreachable", 502, request.url() + ": " + e, e);
            }
            throw new AwsException("EndpointUnreachable", 400, request.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsException("EndpointUnreachable", 503, "interrupted while sending to " + request.url(), e);
        }
    }

    @Override
    public Duration backoff(Delivery delivery, int failures) {
        HttpDelivery request = HttpDelivery.of(delivery);
        if (request.backoffMillis() != null && failures >= 1 && failures <= request.backoffMillis().size()) {
            return Duration.ofMillis(request.backoffMillis().get(failures - 1));
        }
        return DeliveryTarget.super.backoff(delivery, failures);
    }

    @Override
    public void givenUp(Delivery delivery, Attempt attempt, String reason, RuntimeException lastFailure) {
        HttpDelivery request = HttpDelivery.of(delivery);
        if (request.deadLetterArn() != null) {
            deliveries.submit(new Delivery(null, request.deadLetterArn(), request.deadLetterBody(), Map.of(), null, null,
                    delivery.sourceArn(), delivery.sourceAccount(), null, null));
        }
    }
}
