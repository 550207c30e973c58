package dev.cloudjar.cognito.userpool;

import dev.cloudjar.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserFilterTest {
    private static final User ALICE = user("Alice", "CONFIRMED", true, Map.of("email", "Alice@Example.com",
            "given_name", "Alice", "family_name", "O\"Hara"));
    private static final User BOB = user("bob", "UNCONFIRMED", false, Map.of("phone_number", "+15550100"));

    @Test
    void equalsMatchesTheWholeValue() {
        Predicate<User> filter = UserFilter.parse("given_name = \"Alice\"");
        assertTrue(filter.test(ALICE));
        assertFalse(UserFilter.parse("given_name = \"Ali\"").test(ALICE));
    }

    @Test
    void caretEqualsMatchesAPrefix() {
        assertTrue(UserFilter.parse("phone_number ^= \"+1555\"").test(BOB));
        assertFalse(UserFilter.parse("phone_number ^= \"+44\"").test(BOB));
    }

    @Test
    void usernamesAndEmailsCompareWithoutCaseOtherAttributesWithCase() {
        assertTrue(UserFilter.parse("username = \"alice\"").test(ALICE));
        assertTrue(UserFilter.parse("email ^= \"alice@example\"").test(ALICE));
        assertFalse(UserFilter.parse("given_name = \"alice\"").test(ALICE));
    }

    @Test
    void statusAndUserStatusAreSearchable() {
        assertTrue(UserFilter.parse("status = \"Disabled\"").test(BOB));
        assertTrue(UserFilter.parse("cognito:user_status = \"CONFIRMED\"").test(ALICE));
        assertFalse(UserFilter.parse("cognito:user_status = \"CONFIRMED\"").test(BOB));
    }

    @Test
    void escapedQuoteIsPartOfTheValueAndSpacesAreOptional() {
        assertTrue(UserFilter.parse("family_name=\"O\\\"Hara\"").test(ALICE));
    }

    @Test
    void userWithoutTheAttributeDoesNotMatch() {
        assertFalse(UserFilter.parse("email ^= \"\"").test(BOB));
    }

    @Test
    void noFilterMatchesEveryone() {
        assertTrue(UserFilter.parse(null).test(BOB));
        assertTrue(UserFilter.parse("  ").test(ALICE));
    }

    @Test
    void malformedFiltersAreInvalidParameters() {
        for (String filter : List.of("username = alice", "username == \"a\"", "username = \"a", "= \"a\"",
                "username = \"a\" and email = \"b\"")) {
            AwsException e = assertThrows(AwsException.class, () -> UserFilter.parse(filter), filter);
            assertEquals("InvalidParameterException", e.code());
            assertEquals("Error while parsing filter.", e.getMessage());
        }
    }

    @Test
    void attributesCognitoDoesNotIndexAreInvalidParameters() {
        AwsException e = assertThrows(AwsException.class, () -> UserFilter.parse("nickname = \"al\""));
        assertEquals("InvalidParameterException", e.code());
        assertEquals("Invalid search attribute: nickname", e.getMessage());
    }

    private static User user(String username, String status, boolean enabled, Map<String, String> attributes) {
        return new User(username, attributes, status, enabled, 0, 0, null, 0, List.of(), null);
    }
}
