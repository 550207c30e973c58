package dev.cloudjar.lambda.concurrency;

/** A function's reserved concurrency (0 throttles every invocation). */
public record ReservedConcurrency(int reservedConcurrentExecutions) {
}
