package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;

import java.util.List;
import java.util.Locale;

/**
 * The Host names this server answers: loopback names (localhost, {@code *.localhost}, 127.x.y.z,
 * ::1), the address it is bound to, and the names the user adds ({@code --allowed-hosts}, where
 * {@code *.example.com} stands for any subdomain). Bound to every interface, it answers any name:
 * being reached by other names is then the point. Everything else is a DNS-rebinding page, whose
 * own name resolves to 127.0.0.1 and which could otherwise sign requests with the well-known
 * test/test keys.
 */
public final class HostNames {
    private final String bindAddress;
    private final boolean everyInterface;
    private final List<String> allowed;

    public HostNames(String bindAddress, List<String> allowed) {
        this.bindAddress = hostName(bindAddress);
        this.everyInterface = this.bindAddress.equals("0.0.0.0") || this.bindAddress.equals("::")
                || this.bindAddress.equals("0:0:0:0:0:0:0:0");
        this.allowed = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** Loopback names only: the default bind address and no names added. */
    public static HostNames loopback() {
        return new HostNames("127.0.0.1", List.of());
    }

    /** Whether a request whose Host header is this (null when absent) is answered. */
    public boolean answers(String hostHeader) {
        if (everyInterface) {
            return true;
        }
        String host = hostName(hostHeader);
        if (host.isEmpty()) {
            return false;
        }
        if (isLoopbackName(host) || host.equals(bindAddress)) {
            return true;
        }
        for (String name : allowed) {
            if (name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The host of a Host header or URI host, without port or IPv6 brackets, lower case. */
    static String hostName(String hostHeader) {
        return Request.hostName(hostHeader);
    }

    static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1") || isLoopbackV4(host);
    }

    private static boolean isLoopbackV4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
