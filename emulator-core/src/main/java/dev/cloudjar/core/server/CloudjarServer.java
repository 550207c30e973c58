package dev.cloudjar.core.server;

import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.delivery.DeliveryQueue;
import dev.cloudjar.core.delivery.HttpEndpoints;
import dev.cloudjar.core.delivery.TimerQueue;
import dev.cloudjar.core.gateway.AdminRoutes;
import dev.cloudjar.core.gateway.Authenticator;
import dev.cloudjar.core.gateway.Authorizer;
import dev.cloudjar.core.gateway.Gateway;
import dev.cloudjar.core.gateway.HostNames;
import dev.cloudjar.core.gateway.InternalCalls;
import dev.cloudjar.core.gateway.ServiceRuntime;
import dev.cloudjar.core.gateway.SigV4Authenticator;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.spi.Capabilities;
import dev.cloudjar.core.spi.HttpDelivery;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Periodic;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.core.state.Storage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Cloudjar: one HTTP port for every service found on the class path. Many can run in
 * one JVM (the JUnit extension starts one per test class); nothing here is static.
 */
public final class CloudjarServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CloudjarServer.class.getName());
    /** Requests waiting for a worker beyond this are answered 503 SlowDown rather than queued without bound. */
    private static final int WORKER_QUEUE = 10_000;
    private static final long WORKER_IDLE_SECONDS = 20;
    /** Threads that start the services (see {@link #startServices}). */
    private static final int STARTING_THREADS = 2;

    private final CloudjarConfig config;
    private final Storage storage;
    private final List<ServiceRuntime> services;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup ioGroup;
    private final Channel serverChannel;
    private final String endpoint;
    private final DeliveryQueue deliveries;
    private final TimerQueue timers;

    /** In memory, in the data dir, or (with --state-url) in an external store with the blobs in the data dir. */
    private static Storage openStorage(CloudjarConfig config, ClassLoader classLoader) {
        String url = config.option("state-url", "");
        if (url.isEmpty()) {
            return Storage.open(config.dataDir());
        }
        Map<String, String> settings = new HashMap<>();
        // As every option, also CLOUDJAR_STATE_USER and CLOUDJAR_STATE_PASSWORD, which keep a password out of ps.
        for (String name : List.of("user", "password")) {
            String value = config.option("state-" + name, "");
            if (!value.isEmpty()) {
                settings.put(name, value);
            }
        }
        return Storage.external(url, settings, config.dataDir(), classLoader);
    }

    private CloudjarServer(CloudjarConfig config, ClassLoader classLoader, Clock clock) {
        this.config = config;
        this.storage = openStorage(config, classLoader);
        boolean started = false;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(),
                WORKER_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WORKER_QUEUE), threads("cloudjar-worker"));
        // A burst starts up to 64 workers; once idle they end, giving back their stacks and the
        // per-thread caches (allocation buffers, malloc arenas) that otherwise stay resident.
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
        this.scheduler = Executors.newScheduledThreadPool(1, threads("cloudjar-scheduler"));
        CredentialStore credentials = new CredentialStore(config, clock, storage.state());
        String[] endpointHolder = new String[1];
        Codecs codecs = Codecs.standard();
        InternalCalls calls = new InternalCalls(codecs.validator(), () -> endpointHolder[0], clock);
        this.deliveries = new DeliveryQueue(storage.state(), workers, scheduler, clock);
        deliveries.register(HttpDelivery.RECEIVER, new HttpEndpoints(deliveries));
        this.timers = new TimerQueue(storage.state(), workers, scheduler, clock, config.clockStart());
        ServiceContext context = new ServiceContext(config, storage.state(), storage.blobs(), credentials,
                workers, scheduler, calls, deliveries, timers, new Capabilities(), () -> endpointHolder[0]);
        // Services start (see startServices) while this thread brings Netty up: both are mostly
        // class loading, and with two cores doing them side by side shortens the start.
        Future<List<ServiceRuntime>> starting = workers.submit(() -> startServices(classLoader, context));
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, threads("cloudjar-accept"), NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(0, threads("cloudjar-io"), NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(bossGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true);
            Authenticator authenticator = new SigV4Authenticator(credentials, clock, config.verifySignatures());
            this.services = started(starting);
            calls.serve(services);
            List<RawRoute> rawRoutes = new ArrayList<>();
            services.forEach(s -> rawRoutes.addAll(s.plugin().rawRoutes()));
            AdminRoutes admin = new AdminRoutes(new AdminView(), clock);
            Gateway gateway = new Gateway(services, authenticator, Authorizer.ALLOW_ALL, codecs, admin,
                    rawRoutes, new HostNames(config.host(), config.allowedHosts()), config.defaultRegion(), clock);
            bootstrap.childHandler(new HttpPipeline(gateway, workers, config.maxBodyBytes(), config.idleTimeout(),
                    config.requestTimeout(), storage.scratch()));
            this.serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
            InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
            String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
            this.endpoint = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
            endpointHolder[0] = endpoint;
            Periodic.schedule(scheduler, workers, "purging expired temporary credentials", 1, 1, TimeUnit.HOURS,
                    credentials::purgeExpired);
            // Deliveries a previous run stored (with a data dir) go out now that every target is up.
            deliveries.resume();
            timers.resume();
            services.forEach(s -> s.plugin().started());
            started = true;
        } finally {
            if (!started) {
                shutdownExecutors();
                storage.close();
            }
        }
    }

    /** Starts a server with every service module on the class path. */
    public static CloudjarServer start(CloudjarConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts a server that reads the time from {@code clock}: a test moves it forward to see
     * credentials and tokens expire without waiting for their lifetime.
     */
    public static CloudjarServer start(CloudjarConfig config, Clock clock) {
        // Plugins come from the loader of core itself, not the thread's context loader: a plugin must
        // implement this very ServicePlugin type, and a context loader (a test runner's, a framework's)
        // can see other copies of Cloudjar's modules, e.g. the unrelocated ones beside the JUnit jar.
        return new CloudjarServer(config, CloudjarServer.class.getClassLoader(), clock);
    }

    private static <T> T started(Future<T> starting) {
        try {
            return starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while services started", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Starts every plugin, two at a time (the caller waits for them): a service's start is
     * mostly class loading, services are independent (they meet through the context's receivers and
     * capabilities, looked up when used), and one after another they kept a core idle for the
     * second half of the server's start. Their own threads, not the worker pool: with
     * {@code --worker-threads 1} the pool's one thread runs this and would wait on itself.
     */
    private static List<ServiceRuntime> startServices(ClassLoader classLoader, ServiceContext context) {
        List<ServicePlugin> plugins = new ArrayList<>();
        ServiceLoader.load(ServicePlugin.class, classLoader).forEach(plugins::add);
        plugins.sort(Comparator.comparing(p -> p.descriptor().name()));
        ExecutorService starting = Executors.newFixedThreadPool(STARTING_THREADS, threads("cloudjar-start"));
        try {
            List<Future<ServiceRuntime>> started = new ArrayList<>();
            for (ServicePlugin plugin : plugins) {
                started.add(starting.submit(() -> {
                    OperationTable table = new OperationTable(plugin.descriptor().signingName());
                    plugin.start(context, table);
                    return new ServiceRuntime(plugin, table);
                }));
            }
            List<ServiceRuntime> runtimes = new ArrayList<>();
            for (Future<ServiceRuntime> runtime : started) {
                runtimes.add(started(runtime));
            }
            return List.copyOf(runtimes);
        } finally {
            starting.shutdownNow();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The base URL every SDK client points at, e.g. {@code http://127.0.0.1:4566}. */
    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Timers (schedules) set and not yet fired, of every service. */
    public long pendingTimers() {
        return timers.pending();
    }

    /** Deliveries submitted and not yet delivered or given up (S3 notifications, Lambda destinations, ...). */
    public long pendingDeliveries() {
        return deliveries.pending();
    }

    public CloudjarConfig config() {
        return config;
    }

    /** Names of the services this server runs. */
    public List<String> serviceNames() {
        return services.stream().map(ServiceRuntime::name).toList();
    }

    /**
     * Each service's model operations and implemented operations, for coverage reports and tests
     * that probe what is not implemented. Loads every service's model.
     */
    public List<ServiceCoverage> services() {
        return services.stream().map(s -> new ServiceCoverage(s.descriptor(),
                List.copyOf(s.model().operations().keySet()), s.operations().entries().keySet())).toList();
    }

    /** Wipes all state of every service, as if freshly started. */
    public void reset() {
        reset(null);
    }

    /** Wipes one service's state (all services' when null). */
    public void reset(String service) {
        for (ServiceRuntime s : services) {
            if (service == null || s.name().equals(service)) {
                storage.state().drop(s.name() + "/");
                s.plugin().reset();
            }
        }
        if (service == null) {
            storage.state().drop("");
            storage.blobs().clear();
        }
    }

    public static String version() {
        try (InputStream in = CloudjarServer.class.getResourceAsStream("/dev/cloudjar/core/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops accepting, lets requests in flight finish (up to a few seconds), then releases everything. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        for (ServiceRuntime s : services) {
            try {
                s.plugin().stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "service " + s.name() + " failed to stop", e);
            }
        }
        shutdownExecutors();
        storage.close();
    }

    private void shutdownExecutors() {
        workers.shutdown();
        scheduler.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        ioGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    private final class AdminView implements AdminRoutes.Server {
        @Override
        public String version() {
            return CloudjarServer.version();
        }

        @Override
        public String endpoint() {
            return endpoint;
        }

        @Override
        public String dataDir() {
            return config.dataDir() == null ? null : config.dataDir().toAbsolutePath().toString();
        }

        @Override
        public List<ServiceRuntime> services() {
            return services;
        }

        @Override
        public void reset(String service) {
            CloudjarServer.this.reset(service);
        }

        @Override
        public Optional<String> fireTimer(String id) throws Exception {
            return timers.fireNow(id);
        }

        @Override
        public Instant scheduleClock() {
            return timers.now();
        }

        @Override
        public Instant moveScheduleClock(Instant to) {
            return timers.moveTo(to);
        }

    }
}
