package dev.cloudjar.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A page of a list operation's answer with an opaque NextToken (SNS's ListTopics, EventBridge's
 * ListRules): the token is the key of the first item of the next page, so a page stays right when
 * items before it are deleted.
 *
 * @param items     this page's items
 * @param nextToken the token of the next page, or null on the last
 */
public record Pages<T>(List<T> items, String nextToken) {

    /**
     * The page of at most {@code size} items of {@code all} (in key order) that starts at the token's
     * key, or at the start; a token that is not one of ours throws what {@code badToken} gives.
     */
    public static <T> Pages<T> of(List<T> all, Function<T, String> key, String token, int size,
                                  Supplier<? extends RuntimeException> badToken) {
        int from = 0;
        if (token != null) {
            String start;
            try {
                start = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw badToken.get();
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
