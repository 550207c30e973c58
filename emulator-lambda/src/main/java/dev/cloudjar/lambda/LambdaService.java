package dev.cloudjar.lambda;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.core.spi.storage.Scratch;
import dev.cloudjar.lambda.alias.AliasOperations;
import dev.cloudjar.lambda.concurrency.ConcurrencyLimits;
import dev.cloudjar.lambda.concurrency.ConcurrencyOperations;
import dev.cloudjar.lambda.function.CodeDownloads;
import dev.cloudjar.lambda.function.CodePackages;
import dev.cloudjar.lambda.function.FunctionOperations;
import dev.cloudjar.lambda.function.PolicyOperations;
import dev.cloudjar.lambda.invoke.AsyncInvoker;
import dev.cloudjar.lambda.invoke.EventInvokeConfigOperations;
import dev.cloudjar.lambda.invoke.InvokeOperations;
import dev.cloudjar.lambda.layer.LayerOperations;
import dev.cloudjar.lambda.mapping.EventSourceMappingOperations;
import dev.cloudjar.lambda.mapping.MappingPollers;
import dev.cloudjar.lambda.invoke.Invoker;
import dev.cloudjar.lambda.invoke.RetrySchedule;
import dev.cloudjar.lambda.runtime.EnvironmentPool;
import dev.cloudjar.lambda.runtime.FunctionLogs;
import dev.cloudjar.lambda.runtime.JavaHomes;
import dev.cloudjar.lambda.runtime.LocalProcessLauncher;
import dev.cloudjar.lambda.runtime.RuntimeApi;
import dev.cloudjar.lambda.runtime.RuntimeClients;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * AWS Lambda over restJson1, running functions as local processes that speak Cloudjar's Lambda
 * Runtime API on the server's own port.
 *
 * <p>Options: {@code --lambda-concurrency-limit} (account limit, default 1000),
 * {@code --lambda-idle-timeout-seconds} (idle environments are reclaimed after this, default 300),
 * {@code --lambda-retry-delay-scale} (multiplies asynchronous retry delays and event ages; default 1),
 * {@code --lambda-update-seconds} (how long an update of a function stays InProgress; default 0).
 */
public final class LambdaService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("lambda", "lambda", Protocol.REST_JSON_1,
            "dev/cloudjar/lambda/lambda.json", null,
            List.of("/2015-03-31/functions", "/2015-03-31/event-source-mappings", "/2016-08-19/account-settings",
                    "/2017-10-31/functions", "/2019-09-25/functions", "/2019-09-30/functions", "/2017-03-31/tags",
                    "/2018-10-31/layers", "/2020-04-22/code-signing-configs", "/2020-06-30/functions",
                    "/2021-07-20/functions", "/2021-10-31/functions", "/2014-11-13/functions", "/2021-11-15/functions",
                    "/2024-08-31/functions"),
            false);

    private static final String IDLE_TIMEOUT_OPTION = "lambda-idle-timeout-seconds";
    private static final String CONCURRENCY_LIMIT_OPTION = "lambda-concurrency-limit";
    private static final String RETRY_DELAY_SCALE_OPTION = "lambda-retry-delay-scale";
    private static final String JAVA_HOMES_OPTION = "lambda-java-homes";
    private static final String UPDATE_SECONDS_OPTION = "lambda-update-seconds";

    private Scratch scratch;
    private EnvironmentPool pool;
    private CodePackages code;
    private RuntimeApi runtimeApi;
    private CodeDownloads downloads;
    private MappingPollers pollers;
    private ScheduledFuture<?> reaper;
    private Thread shutdownHook;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<CloudjarConfig.Option> options() {
        return List.of(new CloudjarConfig.Option(IDLE_TIMEOUT_OPTION, "300",
                        "seconds an idle execution environment stays warm before its process is stopped"),
                new CloudjarConfig.Option(CONCURRENCY_LIMIT_OPTION, "1000", "the account's concurrent executions limit"),
                new CloudjarConfig.Option(RETRY_DELAY_SCALE_OPTION, "1",
                        "factor on the delays between asynchronous invocation retries (0 retries at once)"),
                new CloudjarConfig.Option(UPDATE_SECONDS_OPTION, "0",
                        "seconds an update of a function reports LastUpdateStatus InProgress and refuses other updates"),
                new CloudjarConfig.Option(JAVA_HOMES_OPTION, "",
                        "JDK homes (path-separated) to run javaNN functions on when this server's Java is older than NN"));
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        CloudjarConfig config = context.config();
        // Unpacked code, runtime clients and output: in the data dir's tmp or a swept temporary
        // directory, so a kill -9 leaves nothing behind past the next start.
        scratch = Scratch.create(config.dataDir(), "lambda");
        Path workDir = scratch.path();
        LambdaStore store = new LambdaStore(context.state());
        code = new CodePackages(context.blobs(), context.capabilities(), workDir.resolve("tasks"));
        FunctionLogs logs = new FunctionLogs(context.state());
        // Writing the runtime clients opens the server jar as a file system: done when the first
        // function starts, not at every server start.
        Path runtimeDir = workDir.resolve("runtime");
        Supplier<RuntimeClients> clients = new Supplier<>() {
            private RuntimeClients written;

            @Override
            public synchronized RuntimeClients get() {
                if (written == null) {
                    written = RuntimeClients.writeTo(runtimeDir);
                }
                return written;
            }
        };
        LocalProcessLauncher launcher = new LocalProcessLauncher(clients, System.getenv().getOrDefault("PATH", ""),
                new JavaHomes(config.option(JAVA_HOMES_OPTION, "")));
        pool = new EnvironmentPool(launcher, code, logs, context.credentials(), context.endpoint(),
                Duration.ofSeconds(config.longOption(IDLE_TIMEOUT_OPTION, 300)), workDir.resolve("output"));
        runtimeApi = new RuntimeApi(pool);
        downloads = new CodeDownloads(context.blobs());
        ConcurrencyLimits limits = new ConcurrencyLimits((int) config.longOption(CONCURRENCY_LIMIT_OPTION, 1000), store);
        Invoker invoker = new Invoker(limits, pool, logs);
        AsyncInvoker async = new AsyncInvoker(store, invoker, context.deliveries(),
                new RetrySchedule(Double.parseDouble(config.option(RETRY_DELAY_SCALE_OPTION, "1"))));

        LayerOperations layers = new LayerOperations(store, code);
        operations.on("PublishLayerVersion", layers::publishLayerVersion)
                .on("GetLayerVersion", layers::getLayerVersion)
                .on("GetLayerVersionByArn", layers::getLayerVersionByArn)
                .on("ListLayerVersions", layers::listLayerVersions)
                .on("ListLayers", layers::listLayers)
                .on("DeleteLayerVersion", layers::deleteLayerVersion);
        FunctionOperations functions = new FunctionOperations(store, code, layers, pool::retire,
                Duration.ofMillis((long) (Double.parseDouble(config.option(UPDATE_SECONDS_OPTION, "0")) * 1000)));
        operations.on("CreateFunction", functions::createFunction)
                .on("GetFunction", functions::getFunction)
                .on("GetFunctionConfiguration", functions::getFunctionConfiguration)
                .on("ListFunctions", functions::listFunctions)
                .on("UpdateFunctionCode", functions::updateFunctionCode)
                .on("UpdateFunctionConfiguration", functions::updateFunctionConfiguration)
                .on("DeleteFunction", functions::deleteFunction)
                .on("PublishVersion", functions::publishVersion)
                .on("ListVersionsByFunction", functions::listVersionsByFunction);
        PolicyOperations policies = new PolicyOperations(store);
        operations.on("AddPermission", policies::addPermission)
                .on("RemovePermission", policies::removePermission)
                .on("GetPolicy", policies::getPolicy);
        AliasOperations aliases = new AliasOperations(store);
        operations.on("CreateAlias", aliases::createAlias)
                .on("GetAlias", aliases::getAlias)
                .on("UpdateAlias", aliases::updateAlias)
                .on("DeleteAlias", aliases::deleteAlias)
                .on("ListAliases", aliases::listAliases);
        ConcurrencyOperations concurrency = new ConcurrencyOperations(store, limits, pool);
        operations.on("PutFunctionConcurrency", concurrency::putFunctionConcurrency)
                .on("GetFunctionConcurrency", concurrency::getFunctionConcurrency)
                .on("DeleteFunctionConcurrency", concurrency::deleteFunctionConcurrency)
                .on("PutProvisionedConcurrencyConfig", concurrency::putProvisionedConcurrencyConfig)
                .on("GetProvisionedConcurrencyConfig", concurrency::getProvisionedConcurrencyConfig)
                .on("DeleteProvisionedConcurrencyConfig", concurrency::deleteProvisionedConcurrencyConfig)
                .on("GetAccountSettings", concurrency::getAccountSettings);
        EventInvokeConfigOperations eventInvokeConfigs = new EventInvokeConfigOperations(store);
        operations.on("PutFunctionEventInvokeConfig", eventInvokeConfigs::putFunctionEventInvokeConfig)
                .on("UpdateFunctionEventInvokeConfig", eventInvokeConfigs::updateFunctionEventInvokeConfig)
                .on("GetFunctionEventInvokeConfig", eventInvokeConfigs::getFunctionEventInvokeConfig)
                .on("DeleteFunctionEventInvokeConfig", eventInvokeConfigs::deleteFunctionEventInvokeConfig)
                .on("ListFunctionEventInvokeConfigs", eventInvokeConfigs::listFunctionEventInvokeConfigs);
        InvokeOperations invoke = new InvokeOperations(store, invoker, async);
        // Lambda answers Invoke with the request's X-Amzn-Trace-Id (recorded answers carry
        // "x-amzn-trace-id: root=1-...;sampled=0"), which X-Ray clients read to join the trace.
        operations.on("Invoke", invoke::invoke, OperationTable.Declaration.none().withTraceHeaderEcho());
        // What other services deliver to a function (an S3 event, a destination record) is an
        // asynchronous Invoke, run through Lambda's own operation as a service principal's would be.
        context.deliveries().register("lambda", (delivery, attempt) -> context.calls().call(delivery.callContext(), "lambda",
                "Invoke", new Input(Map.of("FunctionName", delivery.targetArn(), "InvocationType", "Event",
                        "Payload", delivery.body().getBytes(StandardCharsets.UTF_8)))));
        pollers = new MappingPollers(store, context.capabilities(), invoker, async.destinations(), context.workers(),
                context.scheduler(), () -> context.endpoint().get() != null);
        EventSourceMappingOperations mappings = new EventSourceMappingOperations(store, context.capabilities(), pollers);
        operations.on("CreateEventSourceMapping", mappings::createEventSourceMapping)
                .on("GetEventSourceMapping", mappings::getEventSourceMapping)
                .on("ListEventSourceMappings", mappings::listEventSourceMappings)
                .on("UpdateEventSourceMapping", mappings::updateEventSourceMapping)
                .on("DeleteEventSourceMapping", mappings::deleteEventSourceMapping);
        pollers.startStored();

        reaper = context.periodically("Lambda idle environment reaper", 10, 10, TimeUnit.SECONDS, pool::reclaimIdle);
        // Function processes must not outlive the JVM even when the server is not closed.
        shutdownHook = new Thread(pool::stopAll, "cloudjar-lambda-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public List<RawRoute> rawRoutes() {
        return List.of(runtimeApi.route(), downloads.route());
    }

    @Override
    public void reset() {
        pollers.stopAll();
        pool.stopAll();
        code.clear();
    }

    @Override
    public void stop() {
        reaper.cancel(false);
        pollers.stopAll();
        pool.stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
        scratch.close();
    }
}
