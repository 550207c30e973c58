package dev.cloudjar.lambda.function;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaErrors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a request names it: a name, a partial ARN ({@code 123456789012:function:name}) or
 * a full ARN, each optionally qualified ({@code name:alias}, {@code name:3}), plus the Qualifier
 * parameter.
 *
 * @param qualifier a version, an alias, "$LATEST", or null for unqualified
 */
public record FunctionRef(String name, String qualifier) {
    private static final Pattern NAME = Pattern.compile(
            "^(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):)?(?:(?<account>\\d{12}):function:)?"
                    + "(?<name>[a-zA-Z0-9_.-]+)(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9_-]+))?$");

    public static FunctionRef parse(String functionName, String qualifierParameter, Scope scope) {
        Matcher m = NAME.matcher(functionName);
        if (!m.matches()) {
            throw LambdaErrors.invalidParameter("1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        String account = m.group("account");
        String region = m.group("region");
        if (account != null && !account.equals(scope.accountId()) || region != null && !region.equals(scope.region())) {
            throw LambdaErrors.functionNotFound(functionName);
        }
        String embedded = m.group("qualifier");
        if (embedded != null && qualifierParameter != null && !embedded.equals(qualifierParameter)) {
            throw LambdaErrors.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionRef(m.group("name"), embedded != null ? embedded : qualifierParameter);
    }

    public static FunctionRef parse(String functionName, Scope scope) {
        return parse(functionName, null, scope);
    }

    public boolean isQualified() {
        return qualifier != null;
    }

    /** The qualifier, $LATEST for an unqualified reference. */
    public String qualifierOrLatest() {
        return qualifier == null ? FunctionConfiguration.LATEST : qualifier;
    }

    public String arn(Scope scope) {
        return FunctionConfiguration.arn(scope, name) + (qualifier == null ? "" : ":" + qualifier);
    }
}
