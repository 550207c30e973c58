package dev.cloudjar.lambda.runtime;

import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the process of an execution environment. Zip functions run as local processes
 * ({@link LocalProcessLauncher}); a container-image mode would be another implementation that
 * starts {@code docker run} with the same environment.
 */
public interface EnvironmentLauncher {
    Process launch(FunctionConfiguration function, Path taskRoot, Map<String, String> environment) throws IOException;
}
