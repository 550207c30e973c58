package dev.cloudjar.core.spi;

import dev.cloudjar.core.error.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A page of a list operation's items with an opaque token for the next (SNS's NextToken, API
 * Gateway's position): the token is the key of the next page's first item, so a page stays right
 * when items before it are deleted.
 *
 * @param items     this page's items
 * @param nextToken the token of the next page, or null on the last
 */
public record Pages<T>(List<T> items, String nextToken) {

    /**
     * The page of {@code all} (in key order) that starts at the token's key, or at the start.
     *
     * @param invalidToken the service's error for a token it did not make
     */
    public static <T> Pages<T> of(List<T> all, Function<T, String> key, String token, int size,
                                  Supplier<AwsException> invalidToken) {
        int from = 0;
        if (token != null) {
            String start;
            try {
                start = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalidToken.get();
            }
            while (from < all.size() && key.apply(all.get(from)).compareTo(start) < 0) {
                from++;
            }
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(key.apply(all.get(to)).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Pages<>(all.subList(from, to), next);
    }
}
