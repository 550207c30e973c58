package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssumedRolesTest {

    @Test
    void roleArnNamesTheAccountAndTheRoleWithoutItsPath() {
        AssumedRoles.Role role = AssumedRoles.role("arn:aws:iam::123456789012:role/service/deployer");

        assertEquals("123456789012", role.accountId());
        assertEquals("deployer", role.name());
        assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/ci", role.assumedRoleArn("ci"));
    }

    @Test
    void roleIdIsTheSameForARoleEveryTimeAndDiffersBetweenRoles() {
        String id = AssumedRoles.role("arn:aws:iam::123456789012:role/a").roleId();

        assertTrue(id.matches("AROA[A-Z2-7]{17}"), id);
        assertEquals(id, AssumedRoles.role("arn:aws:iam::123456789012:role/a").roleId());
        assertNotEquals(id, AssumedRoles.role("arn:aws:iam::123456789012:role/b").roleId());
    }

    @Test
    void arnsOfOtherResourcesAreNotRoles() {
        assertNull(AssumedRoles.role("arn:aws:iam::123456789012:user/alice"));
        assertNull(AssumedRoles.role("arn:aws:s3:::bucket"));
        assertNull(AssumedRoles.role("deployer"));
    }

    @Test
    void assumedRoleCredentialsSignAsTheSessionOfTheRole() {
        CredentialStore store = new CredentialStore(CloudjarConfig.defaults(), Clock.systemUTC(), new MemoryStateStore());
        AssumedRoles.Role role = AssumedRoles.role("arn:aws:iam::123456789012:role/deployer");

        CredentialStore.SigningCredential credential = AssumedRoles.issue(store.issuer("sts"), role, "ci",
                Instant.parse("2030-01-01T00:00:00Z"));

        assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/ci", credential.principal().arn());
        assertEquals(role.roleId() + ":ci", credential.principal().userId());
        assertEquals("123456789012", credential.principal().accountId());
    }
}
