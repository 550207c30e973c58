package dev.cloudjar.lambda.function;

import dev.cloudjar.core.spi.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Updates of $LATEST that Lambda would still be applying. Cloudjar applies an update before it
 * answers, but Lambda takes a while: LastUpdateStatus stays InProgress and other updates are
 * refused until it is done. With a non-zero duration Cloudjar keeps each update "in progress" that
 * long (by the server's clock), so waiters and conflict handling can be exercised; with zero
 * (the default) every update has finished when it answers.
 */
final class FunctionUpdates {
    private record Key(Scope scope, String functionName) {
    }

    private final Duration duration;
    private final Map<Key, Instant> endsAt = new ConcurrentHashMap<>();

    FunctionUpdates(Duration duration) {
        this.duration = duration;
    }

    void started(Scope scope, String functionName, Instant at) {
        if (!duration.isZero()) {
            endsAt.put(new Key(scope, functionName), at.plus(duration));
        }
    }

    boolean inProgress(Scope scope, String functionName, Instant at) {
        Key key = new Key(scope, functionName);
        Instant end = endsAt.get(key);
        if (end != null && !at.isBefore(end)) {
            endsAt.remove(key, end);
            return false;
        }
        return end != null;
    }

    void forget(Scope scope, String functionName) {
        endsAt.remove(new Key(scope, functionName));
    }
}
