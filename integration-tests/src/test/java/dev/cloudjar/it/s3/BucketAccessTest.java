package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

import java.net.URI;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Object Ownership, the public access block, policy status and bucket and object ACLs. */
@Cloudjar
class BucketAccessTest {
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    static S3Client s3;
    static String ownerId;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = s3(endpoint);
        ownerId = s3.listBuckets().owner().id();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    static S3Exception error(Executable call) {
        return assertThrows(S3Exception.class, call);
    }

    static void assertError(String code, int status, String message, Executable call) {
        S3Exception e = error(call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(status, e.statusCode());
    }

    private static ObjectOwnership ownership(String bucket) {
        return s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership();
    }

    private static void allowAcls(String bucket) {
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED))));
    }

    /** ACLs enabled and the public access block removed, as a bucket meant to serve public objects is set up. */
    private static void allowPublicAcls(String bucket) {
        allowAcls(bucket);
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
    }

    private static void assertOwnerFullControlOnly(List<Grant> grants) {
        assertEquals(1, grants.size());
        assertEquals(Type.CANONICAL_USER, grants.get(0).grantee().type());
        assertEquals(ownerId, grants.get(0).grantee().id());
        assertEquals(Permission.FULL_CONTROL, grants.get(0).permission());
    }

    @Test
    void aNewBucketEnforcesBucketOwnershipAndOwnershipControlsCanBeChangedAndDeleted() {
        s3.createBucket(b -> b.bucket("own-default"));
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED, ownership("own-default"));
        allowAcls("own-default");
        assertEquals(ObjectOwnership.BUCKET_OWNER_PREFERRED, ownership("own-default"));
        s3.deleteBucketOwnershipControls(b -> b.bucket("own-default"));
        assertError("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found",
                () -> s3.getBucketOwnershipControls(b -> b.bucket("own-default")));
    }

    @Test
    void createBucketTakesAnObjectOwnership() {
        s3.createBucket(b -> b.bucket("own-writer").objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertEquals(ObjectOwnership.OBJECT_WRITER, ownership("own-writer"));
    }

    @Test
    void aNewBucketBlocksAllPublicAccessAndTheBlockCanBeChangedAndDeleted() {
        s3.createBucket(b -> b.bucket("pab-default"));
        PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(b -> b.bucket("pab-default"))
                .publicAccessBlockConfiguration();
        assertEquals(List.of(true, true, true, true), List.of(block.blockPublicAcls(), block.ignorePublicAcls(),
                block.blockPublicPolicy(), block.restrictPublicBuckets()));

        s3.putPublicAccessBlock(b -> b.bucket("pab-default").publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
        PublicAccessBlockConfiguration changed = s3.getPublicAccessBlock(b -> b.bucket("pab-default"))
                .publicAccessBlockConfiguration();
        assertEquals(List.of(true, false, false, false), List.of(changed.blockPublicAcls(), changed.ignorePublicAcls(),
                changed.blockPublicPolicy(), changed.restrictPublicBuckets()));

        s3.deletePublicAccessBlock(b -> b.bucket("pab-default"));
        assertError("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found",
                () -> s3.getPublicAccessBlock(b -> b.bucket("pab-default")));
    }

    @Test
    void policyStatusIsPublicOnlyForAnUnconditionalGrantToEveryone() {
        s3.createBucket(b -> b.bucket("policy-status"));
        assertError("NoSuchBucketPolicy", 404, "The bucket policy does not exist",
                () -> s3.getBucketPolicyStatus(b -> b.bucket("policy-status")));
        String statement = "{\"Effect\":\"Allow\",\"Principal\":%s,\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::policy-status/*\"%s}";
        String account = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement.formatted(
                "{\"AWS\":\"arn:aws:iam::000000000000:root\"}", "") + "]}";
        s3.putBucketPolicy(b -> b.bucket("policy-status").policy(account));
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket("policy-status")).policyStatus().isPublic());

        String conditional = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement.formatted("\"*\"",
                ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}") + "]}";
        s3.putBucketPolicy(b -> b.bucket("policy-status").policy(conditional));
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket("policy-status")).policyStatus().isPublic());

        String everyone = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement.formatted("{\"AWS\":\"*\"}", "") + "]}";
        s3.deletePublicAccessBlock(b -> b.bucket("policy-status"));
        s3.putBucketPolicy(b -> b.bucket("policy-status").policy(everyone));
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket("policy-status")).policyStatus().isPublic());
    }

    @Test
    void aBucketAclGrantsTheOwnerFullControl() {
        s3.createBucket(b -> b.bucket("acl-default"));
        GetBucketAclResponse acl = s3.getBucketAcl(b -> b.bucket("acl-default"));
        assertEquals(ownerId, acl.owner().id());
        assertOwnerFullControlOnly(acl.grants());
        s3.putBucketAcl(b -> b.bucket("acl-default").acl(BucketCannedACL.PRIVATE));
        assertOwnerFullControlOnly(s3.getBucketAcl(b -> b.bucket("acl-default")).grants());
    }

    @Test
    void withAclsDisabledOnlyPrivateAclsAreAccepted() {
        s3.createBucket(b -> b.bucket("acl-enforced"));
        s3.putObject(b -> b.bucket("acl-enforced").key("k"), RequestBody.fromString("k"));
        String message = "The bucket does not allow ACLs";
        assertError("AccessControlListNotSupported", 400, message,
                () -> s3.putBucketAcl(b -> b.bucket("acl-enforced").acl(BucketCannedACL.PUBLIC_READ)));
        assertError("AccessControlListNotSupported", 400, message,
                () -> s3.putObjectAcl(b -> b.bucket("acl-enforced").key("k").acl(ObjectCannedACL.PUBLIC_READ)));
        assertError("AccessControlListNotSupported", 400, message,
                () -> s3.putObject(b -> b.bucket("acl-enforced").key("public").acl(ObjectCannedACL.PUBLIC_READ),
                        RequestBody.fromString("p")));
        s3.putObject(b -> b.bucket("acl-enforced").key("owned").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("o"));
        s3.putObjectAcl(b -> b.bucket("acl-enforced").key("k").acl(ObjectCannedACL.PRIVATE));
        assertOwnerFullControlOnly(s3.getObjectAcl(b -> b.bucket("acl-enforced").key("owned")).grants());
    }

    @Test
    void withAclsEnabledCannedAclsAddGrants() {
        s3.createBucket(b -> b.bucket("acl-enabled"));
        allowPublicAcls("acl-enabled");
        s3.putBucketAcl(b -> b.bucket("acl-enabled").acl(BucketCannedACL.PUBLIC_READ));
        List<Grant> grants = s3.getBucketAcl(b -> b.bucket("acl-enabled")).grants();
        assertEquals(2, grants.size());
        assertEquals(Type.GROUP, grants.get(1).grantee().type());
        assertEquals(ALL_USERS, grants.get(1).grantee().uri());
        assertEquals(Permission.READ, grants.get(1).permission());

        s3.putObject(b -> b.bucket("acl-enabled").key("doc").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("d"));
        GetObjectAclResponse objectAcl = s3.getObjectAcl(b -> b.bucket("acl-enabled").key("doc"));
        assertEquals(ownerId, objectAcl.owner().id());
        assertEquals(List.of(Permission.FULL_CONTROL, Permission.READ),
                objectAcl.grants().stream().map(Grant::permission).toList());
        s3.putObjectAcl(b -> b.bucket("acl-enabled").key("doc").acl(ObjectCannedACL.PRIVATE));
        assertOwnerFullControlOnly(s3.getObjectAcl(b -> b.bucket("acl-enabled").key("doc")).grants());
    }

    @Test
    void anAccessControlPolicyDocumentIsStoredAsSent() {
        s3.createBucket(b -> b.bucket("acl-document"));
        allowPublicAcls("acl-document");
        s3.putBucketAcl(b -> b.bucket("acl-document").accessControlPolicy(p -> p.owner(o -> o.id(ownerId)).grants(
                Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(ownerId)).permission(Permission.FULL_CONTROL).build(),
                Grant.builder().grantee(g -> g.type(Type.GROUP).uri(ALL_USERS)).permission(Permission.WRITE).build())));
        List<Grant> grants = s3.getBucketAcl(b -> b.bucket("acl-document")).grants();
        assertEquals(List.of(Permission.FULL_CONTROL, Permission.WRITE), grants.stream().map(Grant::permission).toList());
        assertEquals(ALL_USERS, grants.get(1).grantee().uri());
    }

    @Test
    void enforcingOwnershipIsRefusedWhileTheBucketAclGrantsOthers() {
        s3.createBucket(b -> b.bucket("acl-then-enforce"));
        allowPublicAcls("acl-then-enforce");
        s3.putBucketAcl(b -> b.bucket("acl-then-enforce").acl(BucketCannedACL.PUBLIC_READ));
        assertError("InvalidBucketAclWithObjectOwnership", 400,
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
                () -> s3.putBucketOwnershipControls(b -> b.bucket("acl-then-enforce").ownershipControls(c -> c
                        .rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
    }

    @Test
    void createBucketWithAPublicAclNeedsAclsEnabled() {
        assertError("InvalidBucketAclWithObjectOwnership", 400,
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
                () -> s3.createBucket(b -> b.bucket("acl-create-public").acl(BucketCannedACL.PUBLIC_READ)));
        s3.createBucket(b -> b.bucket("acl-create-private").acl(BucketCannedACL.PRIVATE));
        s3.createBucket(b -> b.bucket("acl-create-preferred").acl(BucketCannedACL.PUBLIC_READ)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
        assertEquals(2, s3.getBucketAcl(b -> b.bucket("acl-create-preferred")).grants().size());
    }

    @Test
    void blockPublicAclsRefusesPublicGrantsOnceAclsAreEnabled() {
        s3.createBucket(b -> b.bucket("acl-blocked"));
        allowAcls("acl-blocked");
        assertError("AccessDenied", 403, "Access Denied",
                () -> s3.putBucketAcl(b -> b.bucket("acl-blocked").acl(BucketCannedACL.PUBLIC_READ)));
        assertError("AccessDenied", 403, "Access Denied",
                () -> s3.putObject(b -> b.bucket("acl-blocked").key("k").acl(ObjectCannedACL.AUTHENTICATED_READ),
                        RequestBody.fromString("k")));
        s3.putBucketAcl(b -> b.bucket("acl-blocked").grantRead("id=\"" + ownerId + "\""));
        List<Grant> grants = s3.getBucketAcl(b -> b.bucket("acl-blocked")).grants();
        assertEquals(Permission.READ, grants.get(0).permission());
        assertEquals(ownerId, grants.get(0).grantee().id());
    }

    @Test
    void blockPublicPolicyRefusesAPolicyGrantingEveryone() {
        s3.createBucket(b -> b.bucket("policy-blocked"));
        String everyone = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::policy-blocked/*\"}]}";
        S3Exception e = error(() -> s3.putBucketPolicy(b -> b.bucket("policy-blocked").policy(everyone)));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().endsWith(" is not authorized to perform: s3:PutBucketPolicy on"
                + " resource: \"arn:aws:s3:::policy-blocked\" because public policies are blocked by the"
                + " BlockPublicPolicy block public access setting."), e.awsErrorDetails().errorMessage());
    }

    @Test
    void anUnknownCannedAclIsAnInvalidArgument() {
        s3.createBucket(b -> b.bucket("acl-unknown"));
        S3Exception e = error(() -> s3.putBucketAcl(b -> b.bucket("acl-unknown").acl("privatee")));
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void anAclOfAMissingObjectIsNoSuchKey() {
        s3.createBucket(b -> b.bucket("acl-missing"));
        assertEquals("NoSuchKey", error(() -> s3.getObjectAcl(b -> b.bucket("acl-missing").key("none")))
                .awsErrorDetails().errorCode());
    }
}
