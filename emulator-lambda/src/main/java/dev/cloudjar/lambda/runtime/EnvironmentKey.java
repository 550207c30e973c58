package dev.cloudjar.lambda.runtime;

import dev.cloudjar.core.spi.Scope;

/** Which environments can serve an invocation: the same function version at the same revision. */
public record EnvironmentKey(Scope scope, String functionName, String version, String revisionId) {
}
