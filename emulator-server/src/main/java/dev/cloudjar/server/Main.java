package dev.cloudjar.server;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.core.spi.ServicePlugin;

import java.io.PrintStream;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** {@code java -jar cloudjar.jar [options]}: starts every service on one port until stopped. */
public final class Main {
    /**
     * The JUnit extension's separate-JVM mode names its own process, so a server whose test JVM
     * was killed does not outlive it.
     */
    static final CloudjarConfig.Option PARENT_PID = new CloudjarConfig.Option("parent-pid", "",
            "stop when the process with this id ends (the JUnit extension's separate JVM sets it)");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Starts the server, or prints help or a configuration error; returns the exit code on failure. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(CloudjarConfig.help(serviceOptions()));
            return 0;
        }
        if (List.of(args).contains("--version")) {
            out.println("Cloudjar " + CloudjarServer.version());
            return 0;
        }
        CloudjarConfig config;
        try {
            Optional<String> unknown = CloudjarConfig.unknownOption(args, environment, serviceOptions());
            if (unknown.isPresent()) {
                err.println("cloudjar: " + unknown.get());
                return 2;
            }
            config = CloudjarConfig.resolve(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("cloudjar: " + e.getMessage());
            return 2;
        }
        Logging.configure(config.logLevel());
        CloudjarServer server;
        try {
            server = CloudjarServer.start(config);
        } catch (Exception e) {
            // Exception, not RuntimeException: Netty rethrows the bind's BindException undeclared.
            if (causedBy(e, BindException.class) && rootMessage(e).contains("in use")) {
                err.println("cloudjar: port " + config.port() + " on " + config.host() + " is in use; choose another with"
                        + " --port (or CLOUDJAR_PORT), or --port 0 for any free one");
            } else {
                err.println("cloudjar: cannot start: " + rootMessage(e));
            }
            return 1;
        }
        // Only here, in a JVM of its own: the JUnit extension's servers share the tests' JVM. Off
        // the start path, since loading the management classes costs ~40 ms and nothing needs the
        // flags before the first load is over.
        Thread footprint = new Thread(JvmFootprint::apply, "cloudjar-footprint");
        footprint.setDaemon(true);
        footprint.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cloudjar-shutdown"));
        out.print(Banner.text(server, startupTime()));
        out.flush();
        long parent = config.longOption(PARENT_PID.flag(), -1);
        if (parent > 0) {
            // Exiting runs the shutdown hook, which closes the server; a parent already gone stops it at once.
            ProcessHandle.of(parent).map(ProcessHandle::onExit)
                    .ifPresentOrElse(exit -> exit.thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static List<CloudjarConfig.Option> serviceOptions() {
        List<CloudjarConfig.Option> options = new ArrayList<>();
        options.add(PARENT_PID);
        ServiceLoader.load(ServicePlugin.class).forEach(plugin -> options.addAll(plugin.options()));
        return options;
    }

    /** Time since the JVM started (the process's own start time is only known to the second). */
    private static Duration startupTime() {
        return Duration.ofMillis(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.toString() : message;
    }
}
