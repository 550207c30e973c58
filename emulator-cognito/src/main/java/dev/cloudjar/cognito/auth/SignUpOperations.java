package dev.cloudjar.cognito.auth;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.userpool.Ids;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.cognito.userpool.Users;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Self-registration and recovery through an app client: SignUp, ConfirmSignUp,
 * ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword. Codes are not sent anywhere;
 * they are readable under /_cloudjar/cognito/ (see {@link ConfirmationCodeRoute}).
 */
public final class SignUpOperations {
    private static final Duration SIGN_UP_CODE_VALIDITY = Duration.ofHours(24);
    private static final Duration FORGOT_PASSWORD_CODE_VALIDITY = Duration.ofHours(1);

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
        user = user.withPassword(users.permanentPassword(pool, user, input.string("Password")), User.UNCONFIRMED, 0, now)
                .withCode(code(User.PendingCode.SIGN_UP, now, SIGN_UP_CODE_VALIDITY), now);
        users.create(ref.scope(), pool, user, "User already exists");
        return Output.of("UserConfirmed", false)
                .put("UserSub", user.sub())
                .put("CodeDeliveryDetails", delivery(pool, user));
    }

    Output confirmSignUp(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = clientFor(input);
        long now = context.receivedAt().toEpochMilli();
        String username = user(ref, input.string("Username")).username();
        users.update(ref.scope(), ref.pool(), username, user -> {
            if (!User.UNCONFIRMED.equals(user.status())) {
                throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status());
            }
            checkCode(user, User.PendingCode.SIGN_UP, input.string("ConfirmationCode"), now);
            return Users.verify(user, ref.pool().autoVerifiedAttributes(), now)
                    .withStatus(User.CONFIRMED, now).withCode(null, now);
        });
        return Output.empty();
    }

    Output resendConfirmationCode(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = clientFor(input);
        long now = context.receivedAt().toEpochMilli();
        User updated = users.update(ref.scope(), ref.pool(), user(ref, input.string("Username")).username(), user -> {
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
        User updated = users.update(ref.scope(), ref.pool(), user(ref, input.string("Username")).username(), user -> {
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
        users.update(ref.scope(), ref.pool(), user(ref, input.string("Username")).username(), user -> {
            checkCode(user, User.PendingCode.FORGOT_PASSWORD, input.string("ConfirmationCode"), now);
            String status = User.UNCONFIRMED.equals(user.status()) ? User.UNCONFIRMED : User.CONFIRMED;
            return user.withPassword(users.permanentPassword(ref.pool(), user, input.string("Password")), status, 0, now)
                    .withCode(null, now);
        });
        return Output.empty();
    }

    private PoolAccess.ClientRef clientFor(Input input) {
        PoolAccess.ClientRef ref = access.client(input.string("ClientId"));
        PoolAccess.checkSecretHash(ref.client(), input.string("Username"), input.string("SecretHash"));
        return ref;
    }

    private User user(PoolAccess.ClientRef ref, String name) {
        return access.store().userBySignInName(ref.scope(), ref.pool(), name)
                .orElseThrow(() -> CognitoErrors.userNotFound("Username/client id combination not found."));
    }

    private User.PendingCode code(String purpose, long now, Duration validity) {
        return new User.PendingCode(ids.code(), purpose, now + validity.toMillis());
    }

    private static void checkCode(User user, String purpose, String given, long now) {
        User.PendingCode code = user.code();
        if (code == null || !code.purpose().equals(purpose) || !code.code().equals(given)) {
            throw CognitoErrors.codeMismatch();
        }
        if (now >= code.expiresAt()) {
            throw CognitoErrors.expiredCode();
        }
    }

    /** Cognito reports where the code went only when the pool verifies an attribute automatically. */
    private static Map<String, Object> delivery(UserPool pool, User user) {
        List<String> auto = pool.autoVerifiedAttributes();
        return auto.isEmpty() ? null : PoolAccess.codeDelivery(user);
    }
}
