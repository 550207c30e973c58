package dev.cloudjar.core.gateway;

import java.util.UUID;

/** Request ids as AWS's JSON and query services write them (a UUID); codecs may reformat. */
final class RequestIds {
    private RequestIds() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }
}
