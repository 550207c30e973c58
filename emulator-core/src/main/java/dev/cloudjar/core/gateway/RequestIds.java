package dev.cloudjar.core.gateway;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids as AWS's JSON and query services write them (a UUID); codecs may reformat. */
final class RequestIds {
    private RequestIds() {
    }

    /**
     * A random (version 4) UUID. A request id needs to be unique, not unpredictable, and
     * {@link UUID#randomUUID()}'s one shared SecureRandom makes every worker queue behind it.
     */
    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
