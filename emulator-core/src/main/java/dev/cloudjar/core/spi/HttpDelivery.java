package dev.cloudjar.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP request to an endpoint outside Cloudjar (an SNS http/https subscription, an EventBridge
 * API destination), sent as a durable delivery: core's receiver {@link #RECEIVER} makes the request
 * on a worker, with a timeout, and the delivery queue retries it. What counts as delivered and what
 * is retried differs by owner (SNS takes any answer below 500 as delivered; EventBridge retries 401,
 * 407, 409, 429 and 5xx and gives up on the rest), so the owner states it here.
 *
 * @param headers               sent as given (Host, Content-Length and the connection headers are the client's)
 * @param retryStatuses         statuses retried besides those of {@code retryServerErrors}
 * @param retryServerErrors     whether a 5xx answer (and no answer: a refused connection, a timeout) is retried
 * @param clientErrorsDelivered whether an answer below 500 that is not 2xx counts as delivered (SNS), rather
 *                              than given up (EventBridge)
 * @param backoffMillis         the wait after each failed attempt, in order, or null for the delivery's retry policy
 * @param deadLetterArn         where {@code deadLetterBody} goes when the request is given up, or null
 */
public record HttpDelivery(String method, String url, Map<String, String> headers, String body, long timeoutMillis,
                           Set<Integer> retryStatuses, boolean retryServerErrors, boolean clientErrorsDelivered,
                           List<Long> backoffMillis, String deadLetterArn, String deadLetterBody) {
    /** The name core registers its HTTP receiver under. */
    public static final String RECEIVER = "http";

    public HttpDelivery {
        Objects.requireNonNull(method, "an HTTP delivery has a method");
        Objects.requireNonNull(url, "an HTTP delivery has a URL");
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        retryStatuses = retryStatuses == null ? Set.of() : Set.copyOf(retryStatuses);
        backoffMillis = backoffMillis == null ? null : List.copyOf(backoffMillis);
    }

    /**
     * The delivery that carries this request: the request is its body, so a restart resumes it
     * whole, and its dead letter is this request's own (the receiver sends it, not the queue).
     */
    public Delivery delivery(String sourceArn, String sourceAccount, RetryPolicy retry) {
        return new Delivery(RECEIVER, url, new String(RecordJson.write(this), StandardCharsets.UTF_8), Map.of(), null,
                null, sourceArn, sourceAccount, retry, null);
    }

    /** The request a delivery to {@link #RECEIVER} carries. */
    public static HttpDelivery of(Delivery delivery) {
        return RecordJson.read(delivery.body().getBytes(StandardCharsets.UTF_8), HttpDelivery.class);
    }

    /** Whether an answer with this status is retried. */
    public boolean retries(int status) {
        return retryStatuses.contains(status) || (retryServerErrors && (status >= 500 || status < 200));
    }

    /** Whether an answer with this status, not retried, counts as delivered. */
    public boolean delivered(int status) {
        return (status >= 200 && status < 300) || (clientErrorsDelivered && status < 500);
    }
}
