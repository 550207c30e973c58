package dev.cloudjar.core.spi.storage;

import java.util.Map;

/**
 * A state store kept outside the process, chosen with {@code --state-url}: a module that can open
 * a kind of URL registers one in {@code META-INF/services/dev.cloudjar.core.spi.storage.StateStoreProvider}
 * (the JDBC store opens {@code jdbc:postgresql:} and {@code jdbc:h2:} URLs). Core knows none of them.
 */
public interface StateStoreProvider {

    /** Whether this provider opens stores at such URLs. */
    boolean accepts(String url);

    /**
     * Opens (creating or migrating its schema as needed) the store at the URL.
     *
     * @param settings {@code user} and {@code password} when given by option or environment
     * @throws IllegalStateException with a message for the user when the store cannot be reached
     */
    StateStore open(String url, Map<String, String> settings);
}
