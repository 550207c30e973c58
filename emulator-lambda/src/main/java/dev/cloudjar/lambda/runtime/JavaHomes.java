package dev.cloudjar.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Picks the JVM a Java function runs on. Lambda runs {@code java21} on Java 21 and
 * {@code java17} on Java 17; locally the server's own JVM serves every runtime it is new enough
 * for, and a {@code java21} function on a server running Java 17 gets the oldest installed JDK
 * that is at least 21 (from the {@code lambda-java-homes} option, then JAVA_HOME and the usual
 * install folders). Without one it falls back to the server's JVM: code compiled for an older
 * release still runs, and newer class files fail with the JVM's own UnsupportedClassVersionError
 * in the function's log.
 */
public final class JavaHomes {
    private static final Pattern MAJOR = Pattern.compile("^(?:1\\.)?(\\d+)");
    private static final System.Logger LOG = System.getLogger(JavaHomes.class.getName());

    private final Path own;
    private final int ownFeature;
    private final List<Path> candidates;
    private final ConcurrentHashMap<Integer, Path> chosen = new ConcurrentHashMap<>();
    private volatile List<Installed> installed;

    record Installed(Path home, int feature) {
    }

    public JavaHomes(String configured) {
        this(Path.of(System.getProperty("java.home")), Runtime.version().feature(), searchPath(configured));
    }

    JavaHomes(Path own, int ownFeature, List<Path> candidates) {
        this.own = own;
        this.ownFeature = ownFeature;
        this.candidates = candidates;
    }

    /** The {@code java} executable for a runtime such as {@code java21} or {@code java8.al2}. */
    public Path javaFor(String runtime) {
        int wanted = feature(runtime);
        Path home = wanted <= ownFeature ? own : chosen.computeIfAbsent(wanted, this::find);
        return home.resolve("bin").resolve("java");
    }

    static int feature(String runtime) {
        String digits = runtime.replaceFirst("^java(\\d+).*$", "$1");
        return digits.equals(runtime) ? 0 : Integer.parseInt(digits);
    }

    private Path find(int wanted) {
        Optional<Installed> match = installed().stream()
                .filter(i -> i.feature() >= wanted)
                .min(Comparator.comparingInt(Installed::feature));
        if (match.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no Java " + wanted + " or newer found for java" + wanted
                    + " functions (set lambda-java-homes); they run on this server's Java " + ownFeature);
        }
        return match.map(Installed::home).orElse(own);
    }

    private List<Installed> installed() {
        List<Installed> list = installed;
        if (list == null) {
            list = new ArrayList<>();
            for (Path home : candidates) {
                int feature = releaseFeature(home);
                if (feature > 0 && Files.isExecutable(home.resolve("bin").resolve("java"))) {
                    list.add(new Installed(home, feature));
                }
            }
            installed = list = List.copyOf(list);
        }
        return list;
    }

    /** The major version a JDK's {@code release} file names (JAVA_VERSION="21.0.2" → 21, "1.8.0_402" → 8). */
    static int releaseFeature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
        Matcher major = MAJOR.matcher(properties.getProperty("JAVA_VERSION", "").replace("\"", ""));
        return major.find() ? Integer.parseInt(major.group(1)) : 0;
    }

    /** Configured homes first, then JAVA_HOME, then the folders JDK installers and packages use. */
    private static List<Path> searchPath(String configured) {
        Set<Path> homes = new LinkedHashSet<>();
        if (configured != null) {
            for (String home : configured.split(File.pathSeparator)) {
                if (!home.isBlank()) {
                    homes.add(Path.of(home.trim()));
                }
            }
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        String user = System.getProperty("user.home", "");
        for (Path folder : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/Library/Java/JavaVirtualMachines"),
                Path.of(user, ".sdkman", "candidates", "java"), Path.of(user, ".jdks"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> entries = Files.list(folder)) {
                    entries.sorted().forEach(p -> homes.add(Files.isDirectory(p.resolve("Contents/Home"))
                            ? p.resolve("Contents/Home") : p));
                } catch (IOException ignored) {
                    // An unreadable folder holds no JDK we can use.
                }
            }
        }
        return List.copyOf(homes);
    }
}
