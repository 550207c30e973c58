package dev.cloudjar.events.archive;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.events.EventsErrors;

/** EventBridge's errors about archives and replays, in its words (as recorded by moto's tests). */
final class ArchiveErrors {
    private ArchiveErrors() {
    }

    static AwsException archiveExists(String name) {
        return AwsException.client("ResourceAlreadyExistsException", "Archive " + name + " already exists.");
    }

    static AwsException archiveNotFound(String name) {
        return AwsException.client("ResourceNotFoundException", "Archive " + name + " does not exist.");
    }

    static AwsException replayExists(String name) {
        return AwsException.client("ResourceAlreadyExistsException", "Replay " + name + " already exists.");
    }

    static AwsException replayNotFound(String name) {
        return AwsException.client("ResourceNotFoundException", "Replay " + name + " does not exist.");
    }

    static AwsException notCancellable(String name) {
        return AwsException.client("IllegalStatusException", "Replay " + name + " is not in a valid state for this operation.");
    }

    static AwsException invalid(String member, String reason) {
        return EventsErrors.validation("Parameter " + member + " is not valid. Reason: " + reason);
    }
}
