package dev.cloudjar.cognito.auth;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.userpool.Ids;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.Schema;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.cognito.userpool.Users;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Self-registration and recovery through an app client: SignUp, ConfirmSignUp,
 * ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword. Codes are not sent anywhere;
 * they are readable under /_cloudjar/cognito/ (see {@link ConfirmationCodeRoute}).
 */
public final class SignUpOperations {
    private static final Duration SIGN_UP_CODE_VALIDITY = Duration.ofHours(24);
    private static final Duration FORGOT_PASSWORD_CODE_VALIDITY = Duration.ofHours(1);
    private static final int MAX_FAILED_CODE_ATTEMPTS = 5;

    private final PoolAccess access;
    private final Users users;
    private final Ids ids;

    public SignUpOperations(PoolAccess access, Users users, Ids ids) {
        this.access = access;
        this.users = users;
        this.ids = ids;
    }

    public void register(OperationTable table) {
        table.on("SignUp", this::signUp)
                .on("ConfirmSignUp", this::confirmSignUp)
                .on("ResendConfirmationCode", this::resendConfirmationCode)
                .on("ForgotPassword", this::forgotPassword)
                .on("ConfirmForgotPassword", this::confirmForgotPassword);
    }

    Output signUp(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = access.client(input.string("ClientId"));
        UserPool pool = ref.pool();
        String username = input.string("Username");
        PoolAccess.checkSecretHash(ref.client(), username, input.string("SecretHash"));
        if (pool.adminCreateUserOnly()) {
            throw CognitoErrors.notAuthorized("SignUp is not permitted for this user pool");
        }
        if (!input.has("Password")) {
            throw CognitoErrors.invalidParameter("Password cannot be empty");
        }
        long now = context.receivedAt().toEpochMilli();
        User user = users.newUser(pool, username, input.list("UserAttributes"), User.UNCONFIRMED, now);
        user = user.withPassword(users.signUpPassword(pool, user, input.string("Password")), User.UNCONFIRMED, 0, now)
                .withCode(code(User.PendingCode.SIGN_UP, now, SIGN_UP_CODE_VALIDITY), now);
        users.create(ref.scope(), pool, user, "User already exists");
        return Output.of("UserConfirmed", false)
                .put("UserSub", user.sub())
                .put("CodeDeliveryDetails", delivery(pool, user));
    }

    Output confirmSignUp(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = clientFor(input);
        long now = context.receivedAt().toEpochMilli();
        String username = userOrCodeMismatch(ref, input.string("Username")).username();
        boolean forceAliasCreation = Boolean.TRUE.equals(input.bool("ForceAliasCreation"));
        withCode(ref, username, User.PendingCode.SIGN_UP, input.string("ConfirmationCode"), now, forceAliasCreation,
                user -> {
                    if (!User.UNCONFIRMED.equals(user.status())) {
                        throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status());
                    }
                }, user -> Users.verify(user, ref.pool().autoVerifiedAttributes(), now).withStatus(User.CONFIRMED, now));
        return Output.empty();
    }

    Output resendConfirmationCode(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = clientFor(input);
        long now = context.receivedAt().toEpochMilli();
        Optional<User> found = find(ref, input.string("Username"));
        if (found.isEmpty()) {
            return Output.of("CodeDeliveryDetails", simulatedDelivery(ref, input.string("Username")));
        }
        User updated = users.update(ref.scope(), ref.pool(), found.get().username(), user -> {
            if (!User.UNCONFIRMED.equals(user.status())) {
                throw CognitoErrors.invalidParameter("User is already confirmed.");
            }
            return user.withCode(code(User.PendingCode.SIGN_UP, now, SIGN_UP_CODE_VALIDITY), now);
        });
        return Output.of("CodeDeliveryDetails", PoolAccess.codeDelivery(updated));
    }

    /** Cognito sends the code only to a verified e-mail address or phone number. */
    Output forgotPassword(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = clientFor(input);
        long now = context.receivedAt().toEpochMilli();
        Optional<User> found = find(ref, input.string("Username"));
        if (found.isEmpty()) {
            return Output.of("CodeDeliveryDetails", simulatedDelivery(ref, input.string("Username")));
        }
        User updated = users.update(ref.scope(), ref.pool(), found.get().username(), user -> {
            if (!user.verified("email") && !user.verified("phone_number")) {
                throw CognitoErrors.invalidParameter(
                        "Cannot reset password for the user as there is no registered/verified email or phone_number");
            }
            return user.withCode(code(User.PendingCode.FORGOT_PASSWORD, now, FORGOT_PASSWORD_CODE_VALIDITY), now);
        });
        return Output.of("CodeDeliveryDetails", PoolAccess.codeDelivery(updated));
    }

    Output confirmForgotPassword(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = clientFor(input);
        long now = context.receivedAt().toEpochMilli();
        String username = userOrCodeMismatch(ref, input.string("Username")).username();
        withCode(ref, username, User.PendingCode.FORGOT_PASSWORD, input.string("ConfirmationCode"), now, false, user -> {
        }, user -> {
            String status = User.UNCONFIRMED.equals(user.status()) ? User.UNCONFIRMED : User.CONFIRMED;
            return user.withPassword(users.permanentPassword(ref.pool(), user, input.string("Password")), status, 0, now);
        });
        return Output.empty();
    }

    private PoolAccess.ClientRef clientFor(Input input) {
        PoolAccess.ClientRef ref = access.client(input.string("ClientId"));
        PoolAccess.checkSecretHash(ref.client(), input.string("Username"), input.string("SecretHash"));
        return ref;
    }

    /**
     * The user a code-sending call names. A client that prevents user existence errors answers
     * an unknown user as if it had sent a code, so the caller gets an empty result instead of
     * UserNotFoundException.
     */
    private Optional<User> find(PoolAccess.ClientRef ref, String name) {
        Optional<User> user = access.store().userBySignInName(ref.scope(), ref.pool(), name);
        if (user.isEmpty() && !ref.client().preventsUserExistenceErrors()) {
            throw userNotFound();
        }
        return user;
    }

    /** The user a code-checking call names; with existence errors prevented an unknown user has the wrong code. */
    private User userOrCodeMismatch(PoolAccess.ClientRef ref, String name) {
        return access.store().userBySignInName(ref.scope(), ref.pool(), name).orElseThrow(() ->
                ref.client().preventsUserExistenceErrors() ? CognitoErrors.codeMismatch() : userNotFound());
    }

    private static RuntimeException userNotFound() {
        return CognitoErrors.userNotFound("Username/client id combination not found.");
    }

    /** Where Cognito pretends to have sent a code for a user that does not exist. */
    private static Map<String, Object> simulatedDelivery(PoolAccess.ClientRef ref, String name) {
        String attribute = Schema.isPhoneNumber(name) || ref.pool().autoVerifiedAttributes().equals(List.of("phone_number"))
                ? "phone_number" : "email";
        return PoolAccess.codeDelivery(Map.of(attribute, Schema.isEmail(name) || Schema.isPhoneNumber(name) ? name : ""));
    }

    private User.PendingCode code(String purpose, long now, Duration validity) {
        return new User.PendingCode(ids.code(), purpose, now + validity.toMillis(), 0);
    }

    /**
     * Applies {@code change} to the user if {@code given} is the pending code for {@code purpose}
     * (after {@code precondition}, which may throw), and uses the code up. A wrong code is
     * counted and refused with CodeMismatchException; once MAX_FAILED_CODE_ATTEMPTS wrong codes
     * were tried the code is refused with LimitExceededException, as Cognito throttles guessing,
     * until a new code is sent. With {@code forceAliasCreation} an alias the change verifies
     * moves to this user from the one holding it.
     */
    private void withCode(PoolAccess.ClientRef ref, String username, String purpose, String given, long now,
                          boolean forceAliasCreation, Consumer<User> precondition, UnaryOperator<User> change) {
        AtomicReference<AwsException> refusal = new AtomicReference<>();
        users.update(ref.scope(), ref.pool(), username, user -> {
            precondition.accept(user);
            User.PendingCode code = user.code();
            if (code != null && code.failedAttempts() >= MAX_FAILED_CODE_ATTEMPTS) {
                throw CognitoErrors.limitExceeded();
            }
            if (code == null || !code.purpose().equals(purpose) || !code.code().equals(given)) {
                refusal.set(CognitoErrors.codeMismatch());
                return code == null ? user : user.withCode(code.withFailedAttempt(), now);
            }
            if (now >= code.expiresAt()) {
                throw CognitoErrors.expiredCode();
            }
            return change.apply(user).withCode(null, now);
        }, forceAliasCreation);
        if (refusal.get() != null) {
            throw refusal.get();
        }
    }

    /** Cognito reports where the code went only when the pool verifies an attribute automatically. */
    private static Map<String, Object> delivery(UserPool pool, User user) {
        List<String> auto = pool.autoVerifiedAttributes();
        return auto.isEmpty() ? null : PoolAccess.codeDelivery(user);
    }
}
