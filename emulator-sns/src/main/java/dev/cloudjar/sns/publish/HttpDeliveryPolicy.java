package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.sns.store.SubscriptionRecord;
import dev.cloudjar.sns.store.TopicRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery policy of an http/https subscription ("Amazon SNS message delivery retries",
 * "Creating an HTTP/S delivery policy"): the subscription's healthyRetryPolicy, else the topic's
 * {@code http.defaultHealthyRetryPolicy} (unless the topic disables subscription overrides), else
 * SNS's default of three retries 20 seconds apart; likewise the request's Content-Type.
 *
 * <p>The retries run in SNS's four phases: numNoDelayRetries at once, numMinDelayRetries
 * minDelayTarget apart, the backoff phase from minDelayTarget to maxDelayTarget, then
 * numMaxDelayRetries maxDelayTarget apart. SNS documents the backoff functions' names and end
 * points, not their formulas: linear, arithmetic (quadratic), geometric (cubic) and exponential
 * curves between the two ends stand in for them.
 */
public record HttpDeliveryPolicy(int numRetries, int numNoDelayRetries, int numMinDelayRetries, int numMaxDelayRetries,
                                 int minDelayTarget, int maxDelayTarget, String backoffFunction, String contentType) {
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";
    private static final HttpDeliveryPolicy DEFAULT = new HttpDeliveryPolicy(3, 0, 0, 0, 20, 20, "linear",
            DEFAULT_CONTENT_TYPE);

    /** The policy that applies to the subscription's deliveries. */
    public static HttpDeliveryPolicy of(TopicRecord topic, SubscriptionRecord subscription) {
        JsonNode topicHttp = json(topic.attributes().get("DeliveryPolicy")).path("http");
        JsonNode own = json(subscription.attributes().get("DeliveryPolicy"));
        boolean overrides = !topicHttp.path("disableSubscriptionOverrides").asBoolean(false);
        JsonNode retry = overrides && own.has("healthyRetryPolicy") ? own.path("healthyRetryPolicy")
                : topicHttp.path("defaultHealthyRetryPolicy");
        JsonNode request = overrides && own.has("requestPolicy") ? own.path("requestPolicy")
                : topicHttp.path("defaultRequestPolicy");
        return new HttpDeliveryPolicy(
                retry.path("numRetries").asInt(DEFAULT.numRetries),
                retry.path("numNoDelayRetries").asInt(DEFAULT.numNoDelayRetries),
                retry.path("numMinDelayRetries").asInt(DEFAULT.numMinDelayRetries),
                retry.path("numMaxDelayRetries").asInt(DEFAULT.numMaxDelayRetries),
                retry.path("minDelayTarget").asInt(DEFAULT.minDelayTarget),
                retry.path("maxDelayTarget").asInt(DEFAULT.maxDelayTarget),
                retry.path("backoffFunction").asText(DEFAULT.backoffFunction),
                request.path("headerContentType").asText(DEFAULT_CONTENT_TYPE));
    }

    /**
     * The reason a healthyRetryPolicy is refused, or null: the limits of "Creating an HTTP/S
     * delivery policy" (at most 100 retries, delays of 1 to 3,600 seconds, phases that fit in
     * numRetries, a known backoff function).
     */
    public static String problem(JsonNode healthyRetryPolicy) {
        if (healthyRetryPolicy == null || healthyRetryPolicy.isMissingNode()) {
            return null;
        }
        if (!healthyRetryPolicy.isObject()) {
            return "healthyRetryPolicy must be an object";
        }
        int retries = healthyRetryPolicy.path("numRetries").asInt(DEFAULT.numRetries);
        int noDelay = healthyRetryPolicy.path("numNoDelayRetries").asInt(0);
        int minDelay = healthyRetryPolicy.path("numMinDelayRetries").asInt(0);
        int maxDelay = healthyRetryPolicy.path("numMaxDelayRetries").asInt(0);
        int min = healthyRetryPolicy.path("minDelayTarget").asInt(DEFAULT.minDelayTarget);
        int max = healthyRetryPolicy.path("maxDelayTarget").asInt(DEFAULT.maxDelayTarget);
        String function = healthyRetryPolicy.path("backoffFunction").asText("linear");
        if (retries < 0 || retries > 100) {
            return "numRetries must be between 0 and 100";
        }
        if (noDelay < 0 || minDelay < 0 || maxDelay < 0 || noDelay + minDelay + maxDelay > retries) {
            return "numNoDelayRetries, numMinDelayRetries and numMaxDelayRetries must add up to at most numRetries";
        }
        if (min < 1 || max > 3600 || min > max) {
            return "minDelayTarget and maxDelayTarget must be between 1 and 3600, minDelayTarget not above maxDelayTarget";
        }
        if (!List.of("linear", "arithmetic", "geometric", "exponential").contains(function)) {
            return "backoffFunction must be linear, arithmetic, geometric or exponential";
        }
        return null;
    }

    /** The wait after each failed attempt, in milliseconds, multiplied by {@code scale}. */
    public List<Long> waits(double scale) {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < numNoDelayRetries; i++) {
            seconds.add(0L);
        }
        for (int i = 0; i < numMinDelayRetries; i++) {
            seconds.add(1000L * minDelayTarget);
        }
        int backoff = Math.max(0, numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries);
        for (int i = 0; i < backoff; i++) {
            double t = backoff == 1 ? 1 : (double) i / (backoff - 1);
            seconds.add(Math.round(1000 * delay(t)));
        }
        for (int i = 0; i < numMaxDelayRetries; i++) {
            seconds.add(1000L * maxDelayTarget);
        }
        return seconds.stream().map(ms -> Math.round(ms * scale)).toList();
    }

    private double delay(double t) {
        double span = maxDelayTarget - minDelayTarget;
        return switch (backoffFunction) {
            case "arithmetic" -> minDelayTarget + span * t * t;
            case "geometric" -> minDelayTarget + span * t * t * t;
            case "exponential" -> minDelayTarget * Math.pow((double) maxDelayTarget / minDelayTarget, t);
            default -> minDelayTarget + span * t;
        };
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return RecordJson.mapper().missingNode();
        }
        try {
            JsonNode node = RecordJson.tree(text);
            return node == null ? RecordJson.mapper().missingNode() : node;
        } catch (IOException e) {
            return RecordJson.mapper().missingNode();
        }
    }
}
