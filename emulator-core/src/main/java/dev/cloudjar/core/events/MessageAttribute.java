package dev.cloudjar.core.events;

/**
 * One SNS message attribute as published: its DataType ({@code String}, {@code String.Array},
 * {@code Number}, {@code Binary}, optionally with a custom suffix such as {@code Number.float})
 * and its value as text. A String.Array value is a JSON array in text.
 */
public record MessageAttribute(String dataType, String value) {
    public MessageAttribute {
        if (dataType == null || value == null) {
            throw new IllegalArgumentException("a message attribute needs a data type and a value");
        }
    }
}
