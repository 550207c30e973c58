package dev.cloudjar.s3.access;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.BucketRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 access control lists: the grants a request asks for (a canned x-amz-acl, x-amz-grant-*
 * headers or an AccessControlPolicy document) and whether the bucket's Object Ownership allows them.
 * Grants are kept as the codec shapes them: {Grantee: {Type, ID | URI | EmailAddress}, Permission}.
 */
public final class Acls {
    /** S3's default since April 2023: ACLs are disabled and the bucket owner owns every object. */
    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";
    public static final Set<String> OBJECT_OWNERSHIPS = Set.of("BucketOwnerPreferred", "ObjectWriter", BUCKET_OWNER_ENFORCED);
    private static final String GROUPS = "http://acs.amazonaws.com/groups/";
    private static final String ALL_USERS = GROUPS + "global/AllUsers";
    private static final String AUTHENTICATED_USERS = GROUPS + "global/AuthenticatedUsers";
    private static final String LOG_DELIVERY = GROUPS + "s3/LogDelivery";
    private static final Set<String> PERMISSIONS = Set.of("FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP");
    private static final Map<String, String> GRANT_HEADERS = Map.of("GrantFullControl", "FULL_CONTROL",
            "GrantRead", "READ", "GrantReadACP", "READ_ACP", "GrantWrite", "WRITE", "GrantWriteACP", "WRITE_ACP");
    private static final Pattern GRANTEE = Pattern.compile("\\s*(id|uri|emailAddress)\\s*=\\s*\"([^\"]*)\"\\s*");

    private Acls() {
    }

    /** The owner's FULL_CONTROL alone: what every bucket and object has unless an ACL says more. */
    public static List<Object> ownerOnly(String ownerId) {
        return List.of(grant(canonicalUser(ownerId), "FULL_CONTROL"));
    }

    /**
     * The grants a request sets with x-amz-acl, x-amz-grant-* or (when {@code withBody}) an
     * AccessControlPolicy document; null when it names none.
     */
    public static List<Object> requested(Input input, String ownerId, boolean withBody) {
        String canned = input.string("ACL");
        if (canned != null) {
            return canned(canned, ownerId);
        }
        List<Object> grants = new ArrayList<>();
        GRANT_HEADERS.forEach((member, permission) -> {
            String header = input.string(member);
            if (header != null) {
                for (String grantee : header.split(",")) {
                    grants.add(grant(headerGrantee(grantee, header), permission));
                }
            }
        });
        if (!grants.isEmpty()) {
            return grants;
        }
        Input policy = withBody ? input.structure("AccessControlPolicy") : null;
        if (policy == null) {
            return null;
        }
        List<Object> listed = policy.list("Grants");
        for (Object item : listed == null ? List.of() : listed) {
            Map<?, ?> grant = (Map<?, ?>) item;
            Map<?, ?> grantee = (Map<?, ?>) grant.get("Grantee");
            if (grantee == null || grantee.get("Type") == null || !PERMISSIONS.contains(String.valueOf(grant.get("Permission")))) {
                throw S3Errors.malformedAcl();
            }
            grants.add(grant);
        }
        return grants;
    }

    private static List<Object> canned(String acl, String ownerId) {
        List<Object> grants = new ArrayList<>(ownerOnly(ownerId));
        switch (acl) {
            // Bucket and object share one owner here, so the bucket-owner ACLs grant nothing more.
            case "private", "bucket-owner-read", "bucket-owner-full-control", "aws-exec-read" -> {
            }
            case "public-read" -> grants.add(grant(group(ALL_USERS), "READ"));
            case "public-read-write" -> {
                grants.add(grant(group(ALL_USERS), "READ"));
                grants.add(grant(group(ALL_USERS), "WRITE"));
            }
            case "authenticated-read" -> grants.add(grant(group(AUTHENTICATED_USERS), "READ"));
            case "log-delivery-write" -> {
                grants.add(grant(group(LOG_DELIVERY), "WRITE"));
                grants.add(grant(group(LOG_DELIVERY), "READ_ACP"));
            }
            // S3 names the argument and leaves the message empty.
            default -> throw S3Errors.invalidArgument("", "x-amz-acl", acl);
        }
        return grants;
    }

    /** One grantee of an x-amz-grant-* header: id="...", uri="..." or emailAddress="...". */
    private static Map<String, Object> headerGrantee(String text, String header) {
        Matcher m = GRANTEE.matcher(text);
        if (!m.matches()) {
            throw S3Errors.invalidArgument("Argument format not recognized", "x-amz-grant", header);
        }
        return switch (m.group(1)) {
            case "id" -> canonicalUser(m.group(2));
            case "uri" -> group(m.group(2));
            default -> grantee("AmazonCustomerByEmail", "EmailAddress", m.group(2));
        };
    }

    /**
     * With Object Ownership BucketOwnerEnforced, ACLs are disabled: only requests that grant the
     * owner FULL_CONTROL alone (private, bucket-owner-full-control) are accepted. Otherwise the
     * public access block's BlockPublicAcls refuses grants to everyone or to any AWS user.
     */
    public static void checkAllowed(BucketRecord bucket, List<Object> grants, String ownerId) {
        if (grants == null) {
            return;
        }
        if (BUCKET_OWNER_ENFORCED.equals(objectOwnership(bucket)) && !isOwnerOnly(grants, ownerId)) {
            throw new AwsException("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
        }
        if (blocks(bucket, "BlockPublicAcls") && grants.stream().anyMatch(Acls::isPublic)) {
            throw new AwsException("AccessDenied", 403, "Access Denied");
        }
    }

    private static boolean isPublic(Object grant) {
        Object uri = ((Map<?, ?>) ((Map<?, ?>) grant).get("Grantee")).get("URI");
        return ALL_USERS.equals(uri) || AUTHENTICATED_USERS.equals(uri);
    }

    /** Whether the bucket's public access block has one of its four settings on. */
    public static boolean blocks(BucketRecord bucket, String setting) {
        Map<String, Object> block = bucket.setting(AccessOperations.PUBLIC_ACCESS_BLOCK);
        return block != null && Boolean.TRUE.equals(block.get(setting));
    }

    public static boolean isOwnerOnly(List<Object> grants, String ownerId) {
        return grants.equals(ownerOnly(ownerId));
    }

    /** The bucket's Object Ownership setting, or null once its ownership controls were deleted. */
    public static String objectOwnership(BucketRecord bucket) {
        return objectOwnership(bucket.setting(AccessOperations.OWNERSHIP_CONTROLS));
    }

    /** The ObjectOwnership of an OwnershipControls document's (one) rule, or null. */
    static String objectOwnership(Map<String, Object> controls) {
        List<?> rules = controls == null ? List.of() : (List<?>) controls.get("Rules");
        return rules == null || rules.isEmpty() ? null : String.valueOf(((Map<?, ?>) rules.get(0)).get("ObjectOwnership"));
    }

    public static Map<String, Object> ownershipControls(String objectOwnership) {
        return Map.of("Rules", List.of(Map.of("ObjectOwnership", objectOwnership)));
    }

    private static Map<String, Object> grant(Map<String, Object> grantee, String permission) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("Grantee", grantee);
        grant.put("Permission", permission);
        return grant;
    }

    private static Map<String, Object> canonicalUser(String id) {
        return grantee("CanonicalUser", "ID", id);
    }

    private static Map<String, Object> group(String uri) {
        return grantee("Group", "URI", uri);
    }

    private static Map<String, Object> grantee(String type, String member, String value) {
        Map<String, Object> grantee = new LinkedHashMap<>();
        grantee.put(member, value);
        grantee.put("Type", type);
        return grantee;
    }
}
