package dev.cloudjar.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * All configuration, resolved in one place from defaults, environment variables
 * ({@code CLOUDJAR_PORT}, ...) and command-line flags ({@code --port}, ...), in rising
 * precedence; or built in code through {@link #builder()} (the JUnit extension does).
 *
 * <p>Every flag {@code --foo-bar} has the environment variable {@code CLOUDJAR_FOO_BAR}. Flags
 * that core does not know (service options such as {@code --dynamodb-eventual-lag-ms}) are kept
 * in {@link #options()} for the services to read; the command line refuses a flag or variable
 * that neither core nor a service declares ({@link #unknownOption}).
 */
public final class CloudjarConfig {

    /** A configuration option as listed by {@code --help}. */
    public record Option(String flag, String defaultValue, String description) {
        public String environmentVariable() {
            return "CLOUDJAR_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    public static final List<Option> CORE_OPTIONS = List.of(
            new Option("host", "127.0.0.1", "address to bind; 0.0.0.0 to accept other hosts"),
            new Option("port", "4566", "port for every service; 0 picks a free one"),
            new Option("data-dir", "", "directory for durable state; empty keeps state in memory"),
            new Option("state-url", "", "keep state in this database instead (jdbc:postgresql://HOST/DB); needs"
                    + " --data-dir for object bytes"),
            new Option("state-user", "", "database user for --state-url"),
            new Option("state-password", "", "database password for --state-url (CLOUDJAR_STATE_PASSWORD keeps it out of ps)"),
            new Option("verify-signatures", "true", "verify SigV4 signatures (--no-verify-signatures turns it off)"),
            new Option("credentials", "test:test", "access keys, comma-separated KEY:SECRET[:ACCOUNT]"),
            new Option("default-account", "000000000000", "account of keys without an explicit one"),
            new Option("default-region", "us-east-1", "region of requests that name none"),
            new Option("log-level", "info", "error, warn, info, debug or trace"),
            new Option("max-body-bytes", "20971520", "largest buffered (non-streaming) request body"),
            new Option("idle-timeout-seconds", "300", "close connections idle for this long"),
            new Option("request-timeout-seconds", "20",
                    "answer RequestTimeout when a request body stops arriving for this long"),
            new Option("allowed-hosts", "", "more Host names to answer, comma-separated (*.example.com: any subdomain)"),
            new Option("worker-threads", "64", "threads for storage and process work"),
            new Option("clock", "", "start the clock schedules run on at this instant (2030-01-01T00:00:00Z); tests move"
                    + " it with POST /_cloudjar/clock. Signatures keep the real time"));

    /** A key pair known to the server and the account it belongs to. */
    public record Credential(String accessKeyId, String secretAccessKey, String accountId) {
    }

    private final String host;
    private final int port;
    private final Path dataDir;
    private final boolean verifySignatures;
    private final List<Credential> credentials;
    private final String defaultAccount;
    private final String defaultRegion;
    private final String logLevel;
    private final long maxBodyBytes;
    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final List<String> allowedHosts;
    private final int workerThreads;
    private final Map<String, String> options;

    private CloudjarConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.verifySignatures = b.verifySignatures;
        this.defaultAccount = b.defaultAccount;
        this.credentials = b.credentials == null
                ? List.of(new Credential("test", "test", b.defaultAccount))
                : List.copyOf(b.credentials);
        this.defaultRegion = b.defaultRegion;
        this.logLevel = b.logLevel;
        this.maxBodyBytes = b.maxBodyBytes;
        this.idleTimeout = b.idleTimeout;
        this.requestTimeout = b.requestTimeout;
        this.allowedHosts = List.copyOf(b.allowedHosts);
        this.workerThreads = b.workerThreads;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    public static Builder builder() {
        return new Builder();
    }

    public static CloudjarConfig defaults() {
        return builder().build();
    }

    /**
     * Resolves defaults, then the environment, then the arguments.
     *
     * @throws IllegalArgumentException with a message fit for the user on a bad flag or value
     */
    public static CloudjarConfig resolve(String[] args, Map<String, String> environment) {
        Builder builder = builder();
        Set<String> coreFlags = new TreeSet<>();
        CORE_OPTIONS.forEach(o -> coreFlags.add(o.flag()));
        for (Option option : CORE_OPTIONS) {
            String value = environment.get(option.environmentVariable());
            if (value != null && !value.isBlank()) {
                builder.set(option.flag(), value.trim());
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("CLOUDJAR_") && value != null && !value.isBlank()) {
                String flag = flagOf(name);
                if (!coreFlags.contains(flag)) {
                    builder.option(flag, value.trim());
                }
            }
        });
        for (Map.Entry<String, String> flag : flags(args)) {
            if (coreFlags.contains(flag.getKey())) {
                builder.set(flag.getKey(), flag.getValue());
            } else {
                builder.option(flag.getKey(), flag.getValue());
            }
        }
        return builder.build();
    }

    /** The flag an environment variable sets: CLOUDJAR_FOO_BAR is foo-bar. */
    private static String flagOf(String variable) {
        return variable.substring("CLOUDJAR_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The command line's flags (without "--") and values, in order: --f=v, --f v, --f (true), --no-f (false). */
    private static List<Map.Entry<String, String>> flags(String[] args) {
        List<Map.Entry<String, String>> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
            }
            String flag = arg.substring(2);
            String value;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (flag.startsWith("no-")) {
                value = "false";
                flag = flag.substring(3);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            flags.add(Map.entry(flag, value));
        }
        return flags;
    }

    /**
     * The first flag or {@code CLOUDJAR_*} environment variable that is neither a core option nor
     * one of {@code serviceOptions}, as one line naming the closest known one; empty when all are
     * known. A typo must not start a server that silently ignores it ({@code --data-dri} would
     * keep everything in memory). Variables starting {@code CLOUDJAR_TEST_} are the test suite's,
     * not options.
     */
    public static Optional<String> unknownOption(String[] args, Map<String, String> environment,
                                                 List<Option> serviceOptions) {
        List<Option> known = new ArrayList<>(CORE_OPTIONS);
        known.addAll(serviceOptions);
        Set<String> names = new TreeSet<>();
        known.forEach(o -> names.add(o.flag()));
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("CLOUDJAR_") && !name.startsWith("CLOUDJAR_TEST_")) {
                String flag = flagOf(name);
                if (!names.contains(flag)) {
                    Option closest = closest(flag, known);
                    return Optional.of("unknown environment variable " + name + " (did you mean "
                            + closest.environmentVariable() + "? see --help)");
                }
            }
        }
        for (Map.Entry<String, String> flag : flags(args)) {
            if (!names.contains(flag.getKey())) {
                return Optional.of("unknown option --" + flag.getKey() + " (did you mean --"
                        + closest(flag.getKey(), known).flag() + "? see --help)");
            }
        }
        return Optional.empty();
    }

    private static Option closest(String flag, List<Option> known) {
        Option best = known.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (Option o : known) {
            int d = editDistance(flag, o.flag());
            if (d < bestDistance) {
                best = o;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit (dri / dir). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The data directory, or null when state is kept in memory. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean verifySignatures() {
        return verifySignatures;
    }

    public List<Credential> credentials() {
        return credentials;
    }

    public String defaultAccount() {
        return defaultAccount;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    public String logLevel() {
        return logLevel;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long a request body may stop arriving before the server answers RequestTimeout and closes. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Host names answered besides loopback names, {@code *.localhost} and the bound address,
     * lower case; {@code *.example.com} stands for any subdomain.
     */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    public int workerThreads() {
        return workerThreads;
    }

    /** Where {@code --clock} starts the schedules' clock; empty: the real time. */
    public Optional<Instant> clockStart() {
        return parseClock(options.getOrDefault("clock", ""));
    }

    private static Optional<Instant> parseClock(String value) {
        if (value.isEmpty() || value.equals("system")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--clock takes an instant such as 2030-01-01T00:00:00Z, not '" + value + "'");
        }
    }

    /** Service options (flags core does not know), by flag name without "--". */
    public Map<String, String> options() {
        return options;
    }

    public String option(String flag, String defaultValue) {
        return options.getOrDefault(flag, defaultValue);
    }

    public long longOption(String flag, long defaultValue) {
        String v = options.get(flag);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " takes a whole number, not '" + v + "'");
        }
    }

    public boolean booleanOption(String flag, boolean defaultValue) {
        String v = options.get(flag);
        return v == null ? defaultValue : parseBoolean(flag, v);
    }

    /**
     * The command line that {@link #resolve} turns back into this configuration (with no
     * environment): how the JUnit extension hands its settings to a server in a child JVM.
     */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("--host=" + host);
        args.add("--port=" + port);
        if (dataDir != null) {
            args.add("--data-dir=" + dataDir);
        }
        args.add("--verify-signatures=" + verifySignatures);
        List<String> keys = new ArrayList<>();
        credentials.forEach(c -> keys.add(c.accessKeyId() + ":" + c.secretAccessKey() + ":" + c.accountId()));
        args.add("--credentials=" + String.join(",", keys));
        args.add("--default-account=" + defaultAccount);
        args.add("--default-region=" + defaultRegion);
        args.add("--log-level=" + logLevel);
        args.add("--max-body-bytes=" + maxBodyBytes);
        args.add("--idle-timeout-seconds=" + idleTimeout.toSeconds());
        args.add("--request-timeout-seconds=" + requestTimeout.toSeconds());
        if (!allowedHosts.isEmpty()) {
            args.add("--allowed-hosts=" + String.join(",", allowedHosts));
        }
        args.add("--worker-threads=" + workerThreads);
        options.forEach((flag, value) -> args.add("--" + flag + "=" + value));
        return args;
    }

    /** A copy with another port (the extension starts on 0 and learns the real one). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.dataDir = dataDir;
        b.verifySignatures = verifySignatures;
        b.credentials = new ArrayList<>(credentials);
        b.defaultAccount = defaultAccount;
        b.defaultRegion = defaultRegion;
        b.logLevel = logLevel;
        b.maxBodyBytes = maxBodyBytes;
        b.idleTimeout = idleTimeout;
        b.requestTimeout = requestTimeout;
        b.allowedHosts.addAll(allowedHosts);
        b.workerThreads = workerThreads;
        b.options.putAll(options);
        return b;
    }

    private static boolean parseBoolean(String flag, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("--" + flag + " takes true or false, not '" + v + "'");
        };
    }

    /** The text of {@code --help}, listing core options and any service options given. */
    public static String help(List<Option> serviceOptions) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar cloudjar.jar [options]\n\n");
        sb.append("Every option --foo-bar can also be set as the environment variable CLOUDJAR_FOO_BAR.\n\n");
        List<Option> all = new ArrayList<>(CORE_OPTIONS);
        all.addAll(serviceOptions);
        for (Option o : all) {
            String left = "  --" + o.flag() + (o.defaultValue().isEmpty() ? "" : " (default " + o.defaultValue() + ")");
            sb.append(String.format("%-52s %s%n", left, o.description()));
        }
        sb.append(String.format("%-52s %s%n", "  --help", "print this and exit"));
        return sb.toString();
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 4566;
        private Path dataDir;
        private boolean verifySignatures = true;
        private List<Credential> credentials;
        private String defaultAccount = "000000000000";
        private String defaultRegion = "us-east-1";
        private String logLevel = "info";
        private long maxBodyBytes = 20L * 1024 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration requestTimeout = Duration.ofSeconds(20);
        private final List<String> allowedHosts = new ArrayList<>();
        private int workerThreads = 64;
        private final Map<String, String> options = new LinkedHashMap<>();

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder verifySignatures(boolean verify) {
            this.verifySignatures = verify;
            return this;
        }

        public Builder credential(String accessKeyId, String secretAccessKey, String accountId) {
            if (credentials == null) {
                credentials = new ArrayList<>();
            }
            credentials.add(new Credential(accessKeyId, secretAccessKey, accountId));
            return this;
        }

        public Builder defaultAccount(String account) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("an account id has 12 digits, not '" + account + "'");
            }
            this.defaultAccount = account;
            return this;
        }

        public Builder defaultRegion(String region) {
            this.defaultRegion = region;
            return this;
        }

        public Builder logLevel(String level) {
            String l = level.toLowerCase(Locale.ROOT);
            if (!List.of("error", "warn", "info", "debug", "trace", "off").contains(l)) {
                throw new IllegalArgumentException("--log-level takes error, warn, info, debug or trace, not '" + level + "'");
            }
            this.logLevel = l;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--request-timeout-seconds must be at least 1");
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** Adds Host names to answer (see {@link CloudjarConfig#allowedHosts()}). */
        public Builder allowedHosts(List<String> hosts) {
            for (String h : hosts) {
                String name = h.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    allowedHosts.add(name);
                }
            }
            return this;
        }

        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("--worker-threads must be at least 1");
            }
            this.workerThreads = threads;
            return this;
        }

        /**
         * Any option by its flag, as on the command line: a core option ({@code worker-threads})
         * sets its field, any other is a service option.
         */
        public Builder setting(String flag, String value) {
            return CORE_OPTIONS.stream().anyMatch(o -> o.flag().equals(flag)) ? set(flag, value) : option(flag, value);
        }

        /** A service option, e.g. {@code option("dynamodb-eventual-lag-ms", "200")}. */
        public Builder option(String flag, String value) {
            options.put(flag, value);
            return this;
        }

        Builder set(String flag, String value) {
            try {
                switch (flag) {
                    case "host" -> host(value);
                    case "port" -> port(Integer.parseInt(value.trim()));
                    case "data-dir" -> dataDir(value.isBlank() ? null : Path.of(value));
                    case "state-url", "state-user", "state-password" -> option(flag, value.trim());
                    case "clock" -> option(flag, parseClock(value.trim()).map(Instant::toString).orElse(""));
                    case "verify-signatures" -> verifySignatures(parseBoolean(flag, value));
                    case "credentials" -> {
                        credentials = new ArrayList<>();
                        for (String spec : value.split(",")) {
                            String[] parts = spec.trim().split(":");
                            if (parts.length < 2 || parts.length > 3) {
                                throw new IllegalArgumentException(
                                        "--credentials takes KEY:SECRET[:ACCOUNT], not '" + spec + "'");
                            }
                            credentials.add(new Credential(parts[0], parts[1],
                                    parts.length == 3 ? parts[2] : null));
                        }
                    }
                    case "default-account" -> defaultAccount(value.trim());
                    case "default-region" -> defaultRegion(value.trim());
                    case "log-level" -> logLevel(value.trim());
                    case "max-body-bytes" -> maxBodyBytes(Long.parseLong(value.trim()));
                    case "idle-timeout-seconds" -> idleTimeout(Duration.ofSeconds(Long.parseLong(value.trim())));
                    case "worker-threads" -> workerThreads(Integer.parseInt(value.trim()));
                    case "request-timeout-seconds" ->
                            requestTimeout(Duration.ofSeconds(Long.parseLong(value.trim())));
                    case "allowed-hosts" -> {
                        allowedHosts.clear();
                        allowedHosts(List.of(value.split(",")));
                    }
                    default -> throw new IllegalArgumentException("unknown option --" + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + flag + " takes a number, not '" + value + "'");
            }
            return this;
        }

        public CloudjarConfig build() {
            if (credentials != null) {
                List<Credential> resolved = new ArrayList<>();
                for (Credential c : credentials) {
                    resolved.add(c.accountId() == null
                            ? new Credential(c.accessKeyId(), c.secretAccessKey(), defaultAccount) : c);
                }
                credentials = resolved;
            }
            return new CloudjarConfig(this);
        }
    }
}
