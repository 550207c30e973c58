package dev.cloudjar.s3.object;

import dev.cloudjar.s3.S3Errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a Range header ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}),
 * resolved against the object's size. S3 serves a single range and ignores a header it cannot
 * parse, answering with the whole object.
 */
public record ByteRange(long first, long last) {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * @return the range, or null to serve the whole object
     * @throws dev.cloudjar.core.error.AwsException InvalidRange when no byte of the range exists
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw S3Errors.invalidRange(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (last < first) {
                return null;
            }
            if (first >= size) {
                throw S3Errors.invalidRange(header, size);
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
