package dev.cloudjar.sns.store;

import dev.cloudjar.sns.SnsErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * SNS's list operations answer 100 items a page with an opaque NextToken; ours is the key of the
 * first item of the next page, so a page stays right when items before it are deleted.
 *
 * @param items    this page's items
 * @param nextToken the token of the next page, or null on the last
 */
public record Pages<T>(List<T> items, String nextToken) {
    public static final int SIZE = 100;

    /** The page of {@code all} (in key order) that starts at the token's key, or at the start. */
    public static <T> Pages<T> of(List<T> all, Function<T, String> key, String token) {
        int from = 0;
        if (token != null) {
            String start;
            try {
                start = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw SnsErrors.invalidParameter("NextToken");
            }
            while (from < all.size() && key.apply(all.get(from)).compareTo(start) < 0) {
                from++;
            }
        }
        int to = Math.min(all.size(), from + SIZE);
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(key.apply(all.get(to)).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Pages<>(all.subList(from, to), next);
    }
}
