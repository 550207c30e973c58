package dev.cloudjar.lambda.runtime;

import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the process of an execution environment, with the function's package in
 * {@code taskRoot} (Lambda's /var/task) and its layers in {@code opt} (Lambda's /opt), its
 * stdout and stderr appended to {@code output}. Zip functions run as local processes
 * ({@link LocalProcessLauncher}); a container-image mode would be another implementation that
 * starts {@code docker run} with the same environment.
 */
public interface EnvironmentLauncher {
    Process launch(FunctionConfiguration function, Path taskRoot, Path opt, Map<String, String> environment, Path output)
            throws IOException;
}
