package dev.cloudjar.core.spi;

/** One operation's service logic: parsed input in, output out, {@code AwsException} on error. */
@FunctionalInterface
public interface OperationHandler {
    Output handle(RequestContext context, Input input);
}
