package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.auth.Passwords;
import dev.cloudjar.core.spi.Scope;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The rules shared by every way users are created and changed: usernames in pools that sign in
 * with e-mail or phone number, uniqueness of sign-in attributes, password policy and hashing,
 * and a lock so that read-modify-write changes of one user do not interleave.
 */
public final class Users {
    private final PoolAccess access;
    private final Passwords passwords;
    private final Object lock = new Object();

    public Users(PoolAccess access, Passwords passwords) {
        this.access = access;
        this.passwords = passwords;
    }

    public Passwords passwords() {
        return passwords;
    }

    /**
     * A new user, not yet stored. In a pool with UsernameAttributes the name given is the user's
     * e-mail or phone number and the username is the generated sub, as in Cognito.
     */
    public User newUser(UserPool pool, String givenName, List<Object> attributes, String status, long now) {
        String sub = UUID.randomUUID().toString();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sub", sub);
        values.putAll(Schema.apply(pool, Map.of(), attributes, true));
        values.put("sub", sub);
        String username = givenName;
        List<String> usernameAttributes = pool.usernameAttributes();
        checkNotAliasShaped(pool, givenName);
        if (!usernameAttributes.isEmpty()) {
            String attribute = signInAttributeOf(givenName, usernameAttributes);
            values.put(attribute, givenName);
            username = sub;
        }
        Schema.checkRequired(pool, values);
        return new User(username, values, status, true, now, now, null, 0, List.of(), null);
    }

    /**
     * In a pool with e-mail or phone number aliases a username may not look like one, or a
     * sign-in name could mean two users.
     */
    private static void checkNotAliasShaped(UserPool pool, String name) {
        if (pool.aliasAttributes().contains("email") && Schema.isEmail(name)) {
            throw CognitoErrors.invalidParameter(
                    "Username cannot be of email format, since user pool is configured for email alias.");
        }
        if (pool.aliasAttributes().contains("phone_number") && Schema.isPhoneNumber(name)) {
            throw CognitoErrors.invalidParameter(
                    "Username cannot be of phone number format, since user pool is configured for phone_number alias.");
        }
    }

    private static String signInAttributeOf(String name, List<String> usernameAttributes) {
        if (Schema.isEmail(name) && usernameAttributes.contains("email")) {
            return "email";
        }
        if (Schema.isPhoneNumber(name) && usernameAttributes.contains("phone_number")) {
            return "phone_number";
        }
        throw CognitoErrors.invalidParameter(usernameAttributes.size() > 1
                ? "Username should be either an email or a phone number."
                : usernameAttributes.contains("email") ? "Username should be an email." : "Username should be a phone number.");
    }

    /** Stores a new user; fails as Cognito does when the username or a sign-in attribute is taken. */
    public void create(Scope scope, UserPool pool, User user, String existsMessage) {
        create(scope, pool, user, existsMessage, false);
    }

    /**
     * Stores a new user; with {@code forceAliasCreation} (AdminCreateUser's ForceAliasCreation)
     * an alias another user holds moves to the new user instead of failing.
     */
    public void create(Scope scope, UserPool pool, User user, String existsMessage, boolean forceAliasCreation) {
        synchronized (lock) {
            if (access.store().user(scope, pool, user.username()).isPresent()) {
                throw CognitoErrors.usernameExists(existsMessage);
            }
            if (forceAliasCreation) {
                takeAliases(scope, pool, user);
            }
            checkSignInAttributes(scope, pool, user);
            access.store().saveUser(scope, pool, null, user);
        }
    }

    /** Changes a stored user under the lock; the change may throw to abort. */
    public User update(Scope scope, UserPool pool, String username, UnaryOperator<User> change) {
        return update(scope, pool, username, change, false);
    }

    /**
     * Changes a stored user under the lock; with {@code forceAliasCreation} (ConfirmSignUp's
     * ForceAliasCreation) an alias the change verifies moves to this user from the one holding it.
     */
    public User update(Scope scope, UserPool pool, String username, UnaryOperator<User> change,
                       boolean forceAliasCreation) {
        synchronized (lock) {
            User current = access.user(scope, pool, username);
            User updated = change.apply(current);
            if (forceAliasCreation) {
                takeAliases(scope, pool, updated);
            }
            checkSignInAttributes(scope, pool, updated);
            access.store().saveUser(scope, pool, current, updated);
            return updated;
        }
    }

    /** The previous holder of each alias the user claims keeps the attribute, no longer verified, as in Cognito. */
    private void takeAliases(Scope scope, UserPool pool, User user) {
        for (String attribute : List.of("email", "phone_number")) {
            String value = pool.aliasAttributes().contains(attribute) ? pool.signInValue(user, attribute) : null;
            Optional<String> owner = value == null ? Optional.empty()
                    : access.store().aliasOwner(scope, pool, attribute, value).filter(o -> !o.equals(user.username()));
            if (owner.isPresent()) {
                User holder = access.user(scope, pool, owner.get());
                Map<String, String> attributes = new LinkedHashMap<>(holder.attributes());
                attributes.put(attribute + "_verified", "false");
                access.store().saveUser(scope, pool, holder, holder.withAttributes(attributes, user.lastModifiedDate()));
            }
        }
    }

    private void checkSignInAttributes(Scope scope, UserPool pool, User user) {
        for (String attribute : pool.signInAttributes()) {
            String value = pool.signInValue(user, attribute);
            if (value == null) {
                continue;
            }
            Optional<String> owner = access.store().aliasOwner(scope, pool, attribute, value);
            if (owner.isPresent() && !owner.get().equals(user.username())) {
                if (pool.usernameAttributes().contains(attribute)) {
                    throw CognitoErrors.usernameExists("An account with the given " + attribute + " already exists.");
                }
                throw CognitoErrors.aliasExists(attribute);
            }
        }
    }

    /** A permanent password, checked against the policy; confirms nothing by itself. */
    public PasswordHash permanentPassword(UserPool pool, User user, String password) {
        pool.passwordPolicy().violation(password).ifPresent(reason -> {
            throw CognitoErrors.passwordNotConforming(reason);
        });
        return passwords.hash(password, pool.shortName(), user.username());
    }

    /** The password a user signs up with; SignUp words a policy violation its own way. */
    public PasswordHash signUpPassword(UserPool pool, User user, String password) {
        pool.passwordPolicy().violation(password).ifPresent(reason -> {
            throw CognitoErrors.signUpPasswordNotConforming(reason);
        });
        return passwords.hash(password, pool.shortName(), user.username());
    }

    /** Sets a temporary password: the user must change it at the next sign-in, before it expires. */
    public User withTemporaryPassword(UserPool pool, User user, String password, long now) {
        pool.passwordPolicy().violation(password).ifPresent(reason -> {
            throw CognitoErrors.passwordNotConforming(reason);
        });
        long expiry = now + Duration.ofDays(pool.passwordPolicy().temporaryPasswordValidityDays()).toMillis();
        return user.withPassword(passwords.hash(password, pool.shortName(), user.username()),
                User.FORCE_CHANGE_PASSWORD, expiry, now);
    }

    /** The verified flag Cognito sets when a code sent to the attribute is confirmed. */
    public static User verify(User user, List<String> attributes, long now) {
        Map<String, String> values = new LinkedHashMap<>(user.attributes());
        for (String attribute : attributes) {
            if (values.containsKey(attribute)) {
                values.put(attribute + "_verified", "true");
            }
        }
        return user.withAttributes(values, now);
    }
}
