package dev.cloudjar.s3.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessOperationsTest {

    private static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    @Test
    void everyoneAsAStringOrAnAwsPrincipalOrInAListIsPublic() {
        assertTrue(AccessOperations.isPublic(policy("[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]")));
        assertTrue(AccessOperations.isPublic(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\"}")));
        assertTrue(AccessOperations.isPublic(policy(
                "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::1:root\",\"*\"]},\"Action\":\"s3:*\"}]")));
    }

    @Test
    void denialsConditionsAndNamedPrincipalsAreNotPublic() {
        assertFalse(AccessOperations.isPublic(policy("[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]")));
        assertFalse(AccessOperations.isPublic(policy("[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}]")));
        assertFalse(AccessOperations.isPublic(policy(
                "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Action\":\"s3:*\"}]")));
        assertFalse(AccessOperations.isPublic(policy("[]")));
    }
}
