package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;

/**
 * The step that answers only the Host names the server serves ({@link HostNames}), before any
 * routing: a page that rebinds its own name to 127.0.0.1 reaches neither the admin endpoints nor
 * the services. 421 Misdirected Request for a foreign name, 400 for none, in the protocol the
 * request speaks, at once on the event loop.
 */
final class HostCheck implements GatewayStep {
    private final HostNames hosts;
    private final ErrorRenderer errors;

    HostCheck(HostNames hosts, ErrorRenderer errors) {
        this.hosts = hosts;
        this.errors = errors;
    }

    @Override
    public void apply(Exchange exchange) {
        String host = exchange.request().header("Host");
        if (hosts.answers(host)) {
            return;
        }
        AwsException refusal = host == null || host.isBlank()
                ? new AwsException("InvalidRequest", 400, "The request names no Host.")
                : new AwsException("MisdirectedRequest", 421, "Cloudjar does not answer for the host '"
                        + HostNames.hostName(host) + "'; start it with --allowed-hosts to add the name.");
        exchange.localAtOnce(x -> errors.render(x, refusal));
    }
}
