package dev.cloudjar.s3.bucket;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.access.AccessOperations;
import dev.cloudjar.s3.access.Acls;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.S3Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** CreateBucket, HeadBucket, ListBuckets, DeleteBucket and GetBucketLocation. */
public final class BucketOperations {
    /** S3's general purpose bucket naming rules. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final int MAX_BUCKETS_PAGE = 10_000;
    private static final String US_EAST_1 = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final S3Store store;
    private final Buckets buckets;

    public BucketOperations(S3Store store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..") || name.contains(".-") || name.contains("-.")
                || IP_ADDRESS.matcher(name).matches() || name.startsWith("xn--") || name.startsWith("sthree-")
                || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
            throw S3Errors.invalidBucketName(name);
        }
    }

    public Output createBucket(RequestContext context, Input input) {
        String name = input.string("Bucket");
        checkName(name);
        Input configuration = input.structure("CreateBucketConfiguration");
        String constraint = configuration == null ? null : configuration.string("LocationConstraint");
        String region = bucketRegion(context.region(), constraint);
        Map<String, Map<String, Object>> settings = newBucketSettings(context, input);
        boolean objectLock = Boolean.TRUE.equals(input.bool("ObjectLockEnabledForBucket"));
        BucketRecord created = store.locked(context.accountId(), name, null, () -> {
            BucketRecord existing = store.bucket(context.accountId(), name).orElse(null);
            if (existing != null) {
                // For legacy compatibility us-east-1 answers a repeated create of an owned bucket with 200 OK.
                if (region.equals(US_EAST_1)) {
                    return existing;
                }
                throw S3Errors.bucketAlreadyOwnedByYou(name);
            }
            // A bucket created with Object Lock has versioning enabled from the start, for good.
            BucketRecord bucket = BucketRecord.create(name, region, S3Store.now(), objectLock ? "Enabled" : null, settings);
            store.putBucket(context.accountId(), bucket);
            return bucket;
        });
        return Output.of("Location", "/" + created.name());
    }

    /**
     * What a new bucket starts with: ownership controls (BucketOwnerEnforced unless x-amz-object-ownership
     * says otherwise), the public access block, any ACL it is created with and Object Lock if asked for.
     */
    private static Map<String, Map<String, Object>> newBucketSettings(RequestContext context, Input input) {
        String ownership = input.string("ObjectOwnership");
        if (ownership == null) {
            ownership = Acls.BUCKET_OWNER_ENFORCED;
        } else if (!Acls.OBJECT_OWNERSHIPS.contains(ownership)) {
            throw S3Errors.invalidArgument("Invalid x-amz-object-ownership header: " + ownership,
                    "x-amz-object-ownership", ownership);
        }
        Map<String, Map<String, Object>> settings = AccessOperations.newBucketSettings(ownership);
        String owner = canonicalUserId(context.accountId());
        List<Object> grants = Acls.requested(input, owner, false);
        if (grants != null && !Acls.isOwnerOnly(grants, owner)) {
            if (ownership.equals(Acls.BUCKET_OWNER_ENFORCED)) {
                throw AccessOperations.invalidBucketAclWithObjectOwnership();
            }
            settings.put(AccessOperations.ACCESS_CONTROL_POLICY, Map.of("Grants", grants));
        }
        if (Boolean.TRUE.equals(input.bool("ObjectLockEnabledForBucket"))) {
            settings.put(ProtectionOperations.OBJECT_LOCK, Map.of("ObjectLockEnabled", "Enabled"));
        }
        return settings;
    }

    /**
     * The region a bucket is created in. The us-east-1 endpoint takes any other region's constraint
     * (none means us-east-1); a regional endpoint only its own region, which it must be told.
     */
    private static String bucketRegion(String endpointRegion, String constraint) {
        if (constraint == null || constraint.isEmpty()) {
            if (!endpointRegion.equals(US_EAST_1)) {
                throw S3Errors.illegalLocationConstraint("unspecified");
            }
            return US_EAST_1;
        }
        String region = constraint.equals("EU") ? "eu-west-1" : constraint;
        if (endpointRegion.equals(US_EAST_1)) {
            if (constraint.equals(US_EAST_1) || !(constraint.equals("EU") || REGION.matcher(constraint).matches())) {
                throw S3Errors.invalidLocationConstraint(constraint);
            }
        } else if (!endpointRegion.equals(region)) {
            throw S3Errors.illegalLocationConstraint(constraint);
        }
        return region;
    }

    public Output headBucket(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        return new Output().put("BucketRegion", bucket.region()).put("AccessPointAlias", false);
    }

    public Output listBuckets(RequestContext context, Input input) {
        Integer max = input.integer("MaxBuckets");
        if (max != null && (max < 1 || max > MAX_BUCKETS_PAGE)) {
            throw S3Errors.invalidArgument("Argument max-buckets must be an integer between 1 and 10000",
                    "max-buckets", String.valueOf(max));
        }
        int limit = max == null ? MAX_BUCKETS_PAGE : max;
        String prefix = input.string("Prefix");
        String region = input.string("BucketRegion");
        String after = token(input.string("ContinuationToken"));
        List<Object> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        while (!more) {
            List<BucketRecord> scanned = store.listBuckets(context.accountId(), after, 1000);
            if (scanned.isEmpty()) {
                break;
            }
            for (BucketRecord b : scanned) {
                after = b.name();
                if ((prefix != null && !b.name().startsWith(prefix)) || (region != null && !region.equals(b.region()))) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("Name", b.name());
                entry.put("CreationDate", Instant.ofEpochMilli(b.created()));
                entry.put("BucketRegion", b.region());
                page.add(entry);
                last = b.name();
            }
        }
        return new Output().put("Buckets", page).put("Owner", owner(context))
                .put("ContinuationToken", more && max != null ? encode(last) : null).put("Prefix", prefix);
    }

    public Output deleteBucket(RequestContext context, Input input) {
        String name = input.string("Bucket");
        BucketRecord bucket = buckets.require(context, name);
        if (store.hasVersions(context.accountId(), name)) {
            throw S3Errors.bucketNotEmpty(name, bucket.versioning() != null);
        }
        store.deleteBucket(context.accountId(), name);
        return Output.empty();
    }

    /** us-east-1 answers an empty LocationConstraint, a legacy of S3's first region. */
    public Output getBucketLocation(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        return Output.of("LocationConstraint", "us-east-1".equals(bucket.region()) ? "" : bucket.region());
    }

    /**
     * S3 names owners by a 64-hex-digit canonical user id, not the account id, and since November
     * 2025 without a DisplayName. Ours is derived from the account, so it is stable and distinct.
     */
    public static String canonicalUserId(String accountId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("cloudjar-canonical-user:" + accountId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> owner(RequestContext context) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("ID", canonicalUserId(context.accountId()));
        return owner;
    }

    private static String encode(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String token) {
        if (token == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token");
        }
    }
}
