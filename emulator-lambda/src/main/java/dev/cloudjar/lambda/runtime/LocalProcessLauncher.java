package dev.cloudjar.lambda.runtime;

import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.function.FunctionConfiguration;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a zip function as a local process: {@code provided.*} runs the package's bootstrap,
 * Python and Node.js run {@code python3} / {@code node} from PATH with Cloudjar's runtime
 * client, Java runs a JVM sized from MemorySize with Cloudjar's Java client (this server's JVM,
 * or an installed newer one when the runtime needs it, see {@link JavaHomes}).
 */
public final class LocalProcessLauncher implements EnvironmentLauncher {
    private final Supplier<RuntimeClients> clients;
    private final String path;
    private final JavaHomes javaHomes;

    /** @param clients the runtime clients, written to disk when the first environment starts */
    public LocalProcessLauncher(Supplier<RuntimeClients> clients, String path, JavaHomes javaHomes) {
        this.clients = clients;
        this.path = path;
        this.javaHomes = javaHomes;
    }

    @Override
    public Process launch(FunctionConfiguration function, Path taskRoot, Path opt, Map<String, String> environment,
                          Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(function, taskRoot, opt))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        layerPaths(function.runtime(), opt).forEach(builder.environment()::putIfAbsent);
        return builder.start();
    }

    /**
     * Where each runtime finds layer content, as on Lambda with /opt replaced by the local
     * directory: Python's /opt/python/lib/pythonX.Y/site-packages and /opt/python, Node.js's
     * /opt/nodejs/nodeNN/node_modules and /opt/nodejs/node_modules (Java's /opt/java/lib is on
     * the class path). A function's own variable of the same name wins.
     */
    static Map<String, String> layerPaths(String runtime, Path opt) {
        String name = runtime == null ? "" : runtime;
        if (name.startsWith("python")) {
            return Map.of("PYTHONPATH", String.join(File.pathSeparator,
                    opt.resolve("python/lib/" + name + "/site-packages").toString(), opt.resolve("python").toString()));
        }
        if (name.startsWith("nodejs")) {
            String major = name.replaceAll("[^0-9]", "");
            return Map.of("NODE_PATH", String.join(File.pathSeparator,
                    opt.resolve("nodejs/node" + major + "/node_modules").toString(),
                    opt.resolve("nodejs/node_modules").toString()));
        }
        return Map.of();
    }

    private List<String> command(FunctionConfiguration function, Path taskRoot, Path opt) {
        String runtime = function.runtime() == null ? "" : function.runtime();
        if (runtime.startsWith("provided")) {
            Path bootstrap = taskRoot.resolve("bootstrap");
            if (!Files.isRegularFile(bootstrap)) {
                throw LambdaErrors.invalidRuntime("Couldn't find valid bootstrap(s): [" + bootstrap + "]");
            }
            return List.of(bootstrap.toString());
        }
        if (runtime.startsWith("python3")) {
            return List.of(interpreter("python3", runtime), clients.get().python().toString());
        }
        if (runtime.startsWith("nodejs")) {
            return List.of(interpreter("node", runtime), clients.get().node().toString());
        }
        if (runtime.startsWith("java")) {
            return java(function, taskRoot, opt);
        }
        throw LambdaErrors.invalidRuntime("Cloudjar cannot run the " + runtime + " runtime; it runs java, nodejs, "
                + "python3 and provided functions.");
    }

    /**
     * Lambda's Java runtimes start the JVM with tiered compilation stopped at C1 (fast start) and
     * a heap of most of the memory size; the task root, its lib/ jars and the layers' java/lib
     * jars form the class path.
     */
    private List<String> java(FunctionConfiguration function, Path taskRoot, Path opt) {
        List<String> command = new ArrayList<>();
        command.add(javaHomes.javaFor(function.runtime()).toString());
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Xmx" + Math.max(64, function.memorySize() * 85 / 100) + "m");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, clients.get().javaClassPath(), taskRoot.toString(),
                taskRoot.resolve("lib").toString() + File.separator + "*",
                opt.resolve("java/lib").toString() + File.separator + "*"));
        command.add(clients.get().javaMainClass());
        return command;
    }

    private String interpreter(String name, String runtime) {
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw LambdaErrors.invalidRuntime("Cloudjar runs " + runtime + " functions with `" + name
                + "` from PATH, and there is no `" + name + "` on PATH.");
    }
}
