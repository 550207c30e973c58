package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.TraceHeader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request on its way through the gateway's steps: what each step found, for the steps after
 * it. Created when the request's head arrives, so that the steps that need only the head (request
 * id, routing) run once, before the body is read, and decide how the body is read.
 */
public final class Exchange {
    private final Request request;
    private boolean bodyArrived;
    private int nextStep;
    private String requestId;
    private LocalRoutes.Route local;
    private boolean localAtOnce;
    private ServiceRuntime service;
    private Protocol protocol;
    private Authenticator.Caller caller;
    private Scope scope;
    private OperationRoute route;
    private OperationTable.Entry entry;
    private Input input;
    private TraceHeader trace;
    private Map<String, String> responseHeaders = Map.of();
    private Response response;

    Exchange(Request request) {
        this.request = request;
    }

    public Request request() {
        return request;
    }

    /** True once the whole request is here: a buffered body read, or a streamed one ready to read. */
    boolean bodyArrived() {
        return bodyArrived;
    }

    void bodyArrived(boolean arrived) {
        this.bodyArrived = arrived;
    }

    /** The index of the first whole-request step not yet run: past the head phase once it has run. */
    int nextStep() {
        return nextStep;
    }

    void nextStep(int index) {
        this.nextStep = index;
    }

    String requestId() {
        return requestId;
    }

    void requestId(String id) {
        this.requestId = id;
    }

    /** Cloudjar's own endpoint (admin, a service's raw route) the request is for, or null. */
    LocalRoutes.Route local() {
        return local;
    }

    void local(LocalRoutes.Route route) {
        this.local = route;
    }

    /** A local answer that reads no state and so is given on the event loop (a refusal, the health check). */
    void localAtOnce(LocalRoutes.Route route) {
        this.local = route;
        this.localAtOnce = true;
    }

    boolean localAtOnce() {
        return localAtOnce;
    }

    ServiceRuntime service() {
        return service;
    }

    /** The protocol the request speaks: its service's, or, with no service, the one its form shows. */
    Protocol protocol() {
        return protocol;
    }

    void service(ServiceRuntime routed, Protocol spoken) {
        this.service = routed;
        this.protocol = spoken;
    }

    void protocol(Protocol spoken) {
        this.protocol = spoken;
    }

    Authenticator.Caller caller() {
        return caller;
    }

    Scope scope() {
        return scope;
    }

    void caller(Authenticator.Caller who, Scope where) {
        this.caller = who;
        this.scope = where;
    }

    /** The operation with its URI labels; null until resolved. */
    OperationRoute route() {
        return route;
    }

    OperationTable.Entry entry() {
        return entry;
    }

    void operation(OperationRoute resolved, OperationTable.Entry implemented) {
        this.route = resolved;
        this.entry = implemented;
    }

    Input input() {
        return input;
    }

    void input(Input parsed) {
        this.input = parsed;
    }

    TraceHeader trace() {
        return trace;
    }

    void trace(TraceHeader header) {
        this.trace = header;
    }

    /** Headers a step adds to the operation's answer (beyond what the codec writes). */
    Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    void responseHeader(String name, String value) {
        if (responseHeaders.isEmpty()) {
            responseHeaders = new LinkedHashMap<>();
        }
        responseHeaders.put(name, value);
    }

    /** The answer, once a step has one; the steps after it do not run. */
    Response response() {
        return response;
    }

    void respond(Response answer) {
        this.response = answer;
    }
}
