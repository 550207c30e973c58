package dev.cloudjar.core.state;

/**
 * The rule every store applies to keyspace names, so that a name accepted in memory is accepted
 * with a data dir too: 1 to 1024 characters, no control characters.
 */
public final class KeyspaceNames {
    public static final int MAX_LENGTH = 1024;

    private KeyspaceNames() {
    }

    /** Returns the name, or throws {@link IllegalArgumentException} saying why it is not valid. */
    public static String check(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a keyspace name has 1 to " + MAX_LENGTH + " characters, not "
                    + (name == null ? "null" : name.length()));
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a keyspace name has no control characters: '" + name + "'");
        }
        return name;
    }
}
