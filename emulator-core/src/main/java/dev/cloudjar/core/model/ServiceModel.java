package dev.cloudjar.core.model;

/** Placeholder until the model loader lands (protocol-layer issue). */
public final class ServiceModel {
}
