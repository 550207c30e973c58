package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step that routes by the Host header alone, before any other routing: on AWS a host such as
 * {@code abc123.execute-api.us-east-1.amazonaws.com} belongs to API Gateway by DNS, whatever the
 * request's path or signature say, and S3's virtual hosts ({@code bucket.localhost}) are only
 * what no service claims by host. Services register their patterns in
 * {@link dev.cloudjar.core.spi.ServiceDescriptor#hostPatterns()}.
 */
final class HostRouting implements GatewayStep {
    /** A pattern's labels, {@code *} standing for any one label. */
    private record HostPattern(String[] labels, ServiceRuntime service) {
        static HostPattern parse(String pattern, ServiceRuntime service) {
            return new HostPattern(pattern.toLowerCase(Locale.ROOT).split("\\."), service);
        }

        boolean matches(String[] host) {
            if (host.length != labels.length) {
                return false;
            }
            for (int i = 0; i < labels.length; i++) {
                boolean any = labels[i].equals("*") && !host[i].isEmpty();
                if (!any && !labels[i].equals(host[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<HostPattern> patterns;

    HostRouting(List<ServiceRuntime> services) {
        List<HostPattern> all = new ArrayList<>();
        for (ServiceRuntime service : services) {
            for (String pattern : service.descriptor().hostPatterns()) {
                all.add(HostPattern.parse(pattern, service));
            }
        }
        this.patterns = List.copyOf(all);
    }

    @Override
    public void apply(Exchange exchange) {
        if (patterns.isEmpty()) {
            return;
        }
        Request request = exchange.request();
        String[] labels = request.hostName().split("\\.");
        for (HostPattern pattern : patterns) {
            if (pattern.matches(labels)) {
                exchange.service(pattern.service(), ServiceRouter.protocol(pattern.service(), request));
                return;
            }
        }
    }
}
