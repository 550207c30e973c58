package dev.cloudjar.sns.store;

/**
 * A FIFO topic's memory of a deduplication id: the message it was first published as, until
 * {@code expiresAtMillis} (five minutes on), during which the same id is accepted and not delivered.
 */
public record DeduplicationRecord(String messageId, String sequenceNumber, long expiresAtMillis) {
}
