package dev.cloudjar.it.cognito;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cognito's errors as clients see them: the exception type, the code, the exact message, and HTTP 400. */
final class CognitoErrorAssertions {
    private CognitoErrorAssertions() {
    }

    static <T extends AwsServiceException> T assertCognitoError(Class<T> type, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(type.getSimpleName(), e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode(), "HTTP status of " + type.getSimpleName());
        return e;
    }
}
