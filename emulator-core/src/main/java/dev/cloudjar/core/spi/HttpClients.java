package dev.cloudjar.core.spi;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one JDK HTTP client for the requests Cloudjar itself makes to endpoints outside it (SNS's
 * http/https subscriptions and EventBridge's API destinations through core's HTTP receiver,
 * EventBridge's OAuth token requests): HTTP/1.1, a 5 s connect timeout, no redirects followed.
 * Built at its first use, not at start: building one loads its TLS context and selector (~200
 * classes, a tenth of a second or more of a server's start) for what most runs never use.
 */
public final class HttpClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static volatile HttpClient shared;

    private HttpClients() {
    }

    public static HttpClient shared() {
        HttpClient made = shared;
        if (made == null) {
            synchronized (HttpClients.class) {
                made = shared;
                if (made == null) {
                    made = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(CONNECT_TIMEOUT)
                            .build();
                    shared = made;
                }
            }
        }
        return made;
    }
}
