package dev.cloudjar.lambda.function;

import dev.cloudjar.lambda.LambdaErrors;

import java.util.List;
import java.util.Map;

/**
 * The runtimes CreateFunction and UpdateFunctionConfiguration accept, checked by the service
 * rather than by the model, because Lambda answers with its own InvalidParameterValueException
 * (not a ValidationException) and names a successor for recently retired runtimes.
 */
final class Runtimes {
    /** Lambda's list as its message prints it, in the order it prints it. */
    private static final List<String> SUPPORTED = List.of("nodejs20.x", "python3.14", "provided.al2023", "python3.12",
            "python3.13", "nodejs24.x", "nodejs22.x", "java17", "nodejs16.x", "java25", "dotnet8", "python3.10", "java11",
            "python3.11", "dotnet6", "java21", "nodejs18.x", "provided.al2", "ruby3.3", "ruby3.4", "java8.al2", "ruby3.2",
            "python3.8", "python3.9");

    /** Runtimes whose creates and updates Lambda blocks with a recommendation; older ones get the enum message. */
    private static final Map<String, String> RETIRED = Map.of("java8", "java21", "go1.x", "provided.al2023",
            "provided", "provided.al2023", "ruby2.7", "ruby3.2", "nodejs14.x", "nodejs20.x", "python3.7", "python3.12",
            "dotnetcore3.1", "dotnet6", "nodejs12.x", "nodejs18.x");

    private Runtimes() {
    }

    static void requireSupported(String runtime) {
        if (SUPPORTED.contains(runtime)) {
            return;
        }
        String successor = RETIRED.get(runtime);
        if (successor != null) {
            throw LambdaErrors.invalidParameter("The runtime parameter of " + runtime + " is no longer supported for "
                    + "creating or updating AWS Lambda functions. We recommend you use the new runtime (" + successor
                    + ") while creating or updating functions.");
        }
        throw LambdaErrors.invalidParameter("Value " + runtime + " at 'runtime' failed to satisfy constraint: "
                + "Member must satisfy enum value set: " + SUPPORTED.toString() + " or be a valid ARN");
    }
}
