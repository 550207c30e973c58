package dev.cloudjar.core.spi.storage;

/** A key and its value from a {@link Keyspace} scan. */
public record Entry(byte[] key, byte[] value) {
}
