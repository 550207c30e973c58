package dev.cloudjar.lambda.layer;

/** What belongs to a layer rather than to one version: the last number given, never reused. */
public record LayerMeta(long lastVersion) {
}
