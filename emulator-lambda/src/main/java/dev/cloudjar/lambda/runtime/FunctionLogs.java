package dev.cloudjar.lambda.runtime;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Function logs in CloudWatch Logs' form: log group {@code /aws/lambda/<function>}, one log
 * stream per execution environment, events in time order. They live in the state store under
 * the "logs" service's keyspace so that a CloudWatch Logs API can serve them.
 */
public final class FunctionLogs {
    private final StateStore state;
    private final AtomicLong sequence = new AtomicLong();

    public FunctionLogs(StateStore state) {
        this.state = state;
    }

    public static String groupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    private static String keyspace(Scope scope) {
        return scope.keyspace("logs", "events");
    }

    /** Appends events to a stream, atomically. */
    public void append(Scope scope, String group, String stream, List<String> messages) {
        if (messages.isEmpty()) {
            return;
        }
        WriteBatch batch = new WriteBatch();
        long now = System.currentTimeMillis();
        for (String message : messages) {
            String key = group + '\0' + stream + '\0' + String.format("%016d%012d", now, sequence.incrementAndGet());
            batch.put(keyspace(scope), key.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
        }
        state.apply(batch);
    }

    /** The messages of a group's streams (all streams when stream is null), oldest first per stream. */
    public List<String> read(Scope scope, String group, String stream) {
        String prefix = group + '\0' + (stream == null ? "" : stream + '\0');
        byte[] from = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] to = (prefix + '\uffff').getBytes(StandardCharsets.UTF_8);
        return state.keyspace(keyspace(scope)).scan(from, to, Integer.MAX_VALUE, false).stream()
                .map(Entry::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }
}
