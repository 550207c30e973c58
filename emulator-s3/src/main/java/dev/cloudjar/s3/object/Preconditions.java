package dev.cloudjar.s3.object;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.TimestampFormat;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.ObjectVersion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The conditional request headers as S3 evaluates them (RFC 7232 order): If-Match, then
 * If-Unmodified-Since unless If-Match held, fail with 412; If-None-Match, then If-Modified-Since
 * unless If-None-Match was given, answer 304 on reads. Times compare at whole seconds, the
 * precision of Last-Modified; an If-Modified-Since in the future is no valid date and is ignored
 * (RFC 7232 3.3), as S3 does.
 */
public final class Preconditions {
    private Preconditions() {
    }

    /** The four conditions of a read, or of a copy source (where every failure is a 412). */
    public record Conditions(String ifMatch, Instant ifUnmodifiedSince, String ifNoneMatch, Instant ifModifiedSince) {
    }

    public static void checkRead(Conditions c, ObjectVersion object) {
        check(c, object, false);
    }

    public static void checkCopySource(Conditions c, ObjectVersion object) {
        check(c, object, true);
    }

    private static void check(Conditions c, ObjectVersion object, boolean copySource) {
        Instant modified = Instant.ofEpochMilli(object.lastModified()).truncatedTo(ChronoUnit.SECONDS);
        if (c.ifMatch() != null) {
            if (!matches(c.ifMatch(), object.etag())) {
                throw S3Errors.preconditionFailed(copySource ? "x-amz-copy-source-If-Match" : "If-Match");
            }
        } else if (c.ifUnmodifiedSince() != null && modified.isAfter(c.ifUnmodifiedSince())) {
            throw S3Errors.preconditionFailed(copySource ? "x-amz-copy-source-If-Unmodified-Since" : "If-Unmodified-Since");
        }
        if (c.ifNoneMatch() != null) {
            if (matches(c.ifNoneMatch(), object.etag())) {
                throw notModified(copySource, "If-None-Match", object);
            }
        } else if (c.ifModifiedSince() != null && !c.ifModifiedSince().isAfter(Instant.now())
                && !modified.isAfter(c.ifModifiedSince())) {
            throw notModified(copySource, "If-Modified-Since", object);
        }
    }

    /** A 304 still names the object's ETag and Last-Modified, so a cache can revalidate. */
    private static AwsException notModified(boolean copySource, String condition, ObjectVersion object) {
        if (copySource) {
            return S3Errors.preconditionFailed("x-amz-copy-source-" + condition);
        }
        return S3Errors.notModified().withHeader("ETag", object.etag())
                .withHeader("Last-Modified", TimestampFormat.HTTP_DATE.format(Instant.ofEpochMilli(object.lastModified())));
    }

    /** Whether a list of entity tags (or "*") names this ETag; quotes are optional, as S3 allows. */
    public static boolean matches(String condition, String etag) {
        for (String candidate : condition.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || unquote(c).equals(unquote(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String etag) {
        String e = etag.startsWith("W/") ? etag.substring(2) : etag;
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
