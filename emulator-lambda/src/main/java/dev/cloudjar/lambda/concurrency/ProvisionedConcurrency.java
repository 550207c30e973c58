package dev.cloudjar.lambda.concurrency;

/** A provisioned-concurrency setting of one version or alias. */
public record ProvisionedConcurrency(int requested, String lastModified) {
}
