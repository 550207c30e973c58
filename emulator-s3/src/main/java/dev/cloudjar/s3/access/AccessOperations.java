package dev.cloudjar.s3.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.BucketOperations;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.object.ObjectReader;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.S3Store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may reach a bucket and its objects: Object Ownership controls, the public access block,
 * the policy status and the bucket and object ACLs. Stored and answered; access itself is not
 * enforced (Cloudjar has no IAM yet).
 */
public final class AccessOperations {
    public static final String OWNERSHIP_CONTROLS = "OwnershipControls";
    public static final String PUBLIC_ACCESS_BLOCK = "PublicAccessBlockConfiguration";
    public static final String ACCESS_CONTROL_POLICY = "AccessControlPolicy";
    private static final List<String> BLOCKS = List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
            "RestrictPublicBuckets");

    private final S3Store store;
    private final Buckets buckets;
    private final ObjectReader reader;

    public AccessOperations(S3Store store, Buckets buckets, ObjectReader reader) {
        this.store = store;
        this.buckets = buckets;
        this.reader = reader;
    }

    /** Since April 2023 a new bucket blocks all public access and has ACLs disabled. */
    public static Map<String, Map<String, Object>> newBucketSettings(String objectOwnership) {
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        settings.put(OWNERSHIP_CONTROLS, Acls.ownershipControls(objectOwnership));
        Map<String, Object> block = new LinkedHashMap<>();
        BLOCKS.forEach(b -> block.put(b, true));
        settings.put(PUBLIC_ACCESS_BLOCK, block);
        return settings;
    }

    public Output putBucketOwnershipControls(RequestContext context, Input input) {
        String ownership = Acls.objectOwnership(input.map(OWNERSHIP_CONTROLS));
        if (ownership == null || !Acls.OBJECT_OWNERSHIPS.contains(ownership)) {
            throw S3Errors.malformedXml();
        }
        String owner = BucketOperations.canonicalUserId(context.accountId());
        buckets.update(context, input.string("Bucket"), b -> {
            List<Object> grants = bucketGrants(b, owner);
            if (ownership.equals(Acls.BUCKET_OWNER_ENFORCED) && !Acls.isOwnerOnly(grants, owner)) {
                throw invalidBucketAclWithObjectOwnership();
            }
            return b.withSetting(OWNERSHIP_CONTROLS, Acls.ownershipControls(ownership));
        });
        return Output.empty();
    }

    public static AwsException invalidBucketAclWithObjectOwnership() {
        return new AwsException("InvalidBucketAclWithObjectOwnership", 400,
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    }

    public Output getBucketOwnershipControls(RequestContext context, Input input) {
        Map<String, Object> document = buckets.requireSetting(context, input.string("Bucket"), OWNERSHIP_CONTROLS,
                "OwnershipControlsNotFoundError", "The bucket ownership controls were not found");
        return Output.of(OWNERSHIP_CONTROLS, document);
    }

    public Output deleteBucketOwnershipControls(RequestContext context, Input input) {
        buckets.putSetting(context, input.string("Bucket"), OWNERSHIP_CONTROLS, null);
        return Output.empty();
    }

    /** Settings left out of the document are false, and GetPublicAccessBlock names all four. */
    public Output putPublicAccessBlock(RequestContext context, Input input) {
        Input sent = input.structure(PUBLIC_ACCESS_BLOCK);
        Map<String, Object> block = new LinkedHashMap<>();
        BLOCKS.forEach(b -> block.put(b, sent != null && Boolean.TRUE.equals(sent.bool(b))));
        buckets.putSetting(context, input.string("Bucket"), PUBLIC_ACCESS_BLOCK, block);
        return Output.empty();
    }

    public Output getPublicAccessBlock(RequestContext context, Input input) {
        Map<String, Object> document = buckets.requireSetting(context, input.string("Bucket"), PUBLIC_ACCESS_BLOCK,
                "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
        return Output.of(PUBLIC_ACCESS_BLOCK, document);
    }

    public Output deletePublicAccessBlock(RequestContext context, Input input) {
        buckets.putSetting(context, input.string("Bucket"), PUBLIC_ACCESS_BLOCK, null);
        return Output.empty();
    }

    public Output getBucketPolicyStatus(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        if (bucket.policy() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchBucketPolicy", "The bucket policy does not exist", bucket.name());
        }
        return Output.of("PolicyStatus", Map.of("IsPublic", isPublic(bucket.policy())));
    }

    /**
     * A policy is public when a statement allows everyone ("*" as the principal) without a
     * condition that would narrow it to known sources.
     */
    public static boolean isPublic(String policy) {
        JsonNode document;
        try {
            document = RecordJson.mapper().readTree(policy);
        } catch (JsonProcessingException e) {
            return false;
        }
        JsonNode statements = document.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if ("Allow".equals(statement.path("Effect").asText()) && !statement.has("Condition")
                    && namesEveryone(statement.path("Principal"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesEveryone(JsonNode principal) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        JsonNode aws = principal.path("AWS");
        if (aws.isArray()) {
            for (JsonNode p : aws) {
                if (p.asText().equals("*")) {
                    return true;
                }
            }
            return false;
        }
        return aws.asText().equals("*");
    }

    public Output getBucketAcl(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        return acl(context, bucketGrants(bucket, BucketOperations.canonicalUserId(context.accountId())));
    }

    public Output putBucketAcl(RequestContext context, Input input) {
        String owner = BucketOperations.canonicalUserId(context.accountId());
        List<Object> grants = required(Acls.requested(input, owner, true));
        buckets.update(context, input.string("Bucket"), b -> {
            Acls.checkAllowed(b, grants, owner);
            return b.withSetting(ACCESS_CONTROL_POLICY, Acls.isOwnerOnly(grants, owner) ? null : Map.of("Grants", grants));
        });
        return Output.empty();
    }

    public Output getObjectAcl(RequestContext context, Input input) {
        ObjectReader.Found found = reader.find(context, input.string("Bucket"), input.string("Key"),
                input.string("VersionId"));
        List<Object> grants = found.object().grants();
        return acl(context, grants == null ? Acls.ownerOnly(BucketOperations.canonicalUserId(context.accountId())) : grants);
    }

    public Output putObjectAcl(RequestContext context, Input input) {
        String owner = BucketOperations.canonicalUserId(context.accountId());
        List<Object> grants = required(Acls.requested(input, owner, true));
        String bucket = input.string("Bucket");
        String key = input.string("Key");
        store.locked(context.accountId(), bucket, key, () -> {
            ObjectReader.Found found = reader.find(context, bucket, key, input.string("VersionId"));
            Acls.checkAllowed(found.bucket(), grants, owner);
            store.updateVersion(context.accountId(), bucket,
                    found.object().withGrants(Acls.isOwnerOnly(grants, owner) ? null : grants));
            return found;
        });
        return Output.empty();
    }

    private static List<Object> bucketGrants(BucketRecord bucket, String owner) {
        Map<String, Object> policy = bucket.setting(ACCESS_CONTROL_POLICY);
        return policy == null ? Acls.ownerOnly(owner) : asList(policy.get("Grants"));
    }

    /** A Put...Acl must say what to set, by header or document. */
    private static List<Object> required(List<Object> grants) {
        if (grants == null) {
            throw new AwsException("MissingSecurityHeader", 400, "Your request was missing a required header")
                    .with("MissingHeaderName", "x-amz-acl");
        }
        return grants;
    }

    private static Output acl(RequestContext context, List<Object> grants) {
        return new Output().put("Owner", BucketOperations.owner(context)).put("Grants", grants);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }
}
