package dev.cloudjar.lambda.function;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.invoke.Destinations;
import dev.cloudjar.lambda.layer.LayerOperations;
import dev.cloudjar.lambda.runtime.EnvironmentKey;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
 * UpdateFunctionConfiguration, DeleteFunction, PublishVersion and ListVersionsByFunction.
 */
public final class FunctionOperations {
    /** Lambda's LastModified form, e.g. 2024-05-01T12:00:00.000+0000. */
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final int DEFAULT_PAGE = 50;

    private final LambdaStore store;
    private final CodePackages code;
    private final LayerOperations layers;
    private final Consumer<Predicate<EnvironmentKey>> retireEnvironments;
    private final FunctionUpdates updates;

    /** @param updateDuration how long an update of $LATEST reports InProgress (zero: none) */
    public FunctionOperations(LambdaStore store, CodePackages code, LayerOperations layers,
                              Consumer<Predicate<EnvironmentKey>> retireEnvironments, Duration updateDuration) {
        this.store = store;
        this.code = code;
        this.layers = layers;
        this.retireEnvironments = retireEnvironments;
        this.updates = new FunctionUpdates(updateDuration);
    }

    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(LAST_MODIFIED);
    }

    public Output createFunction(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        if (!"Zip".equals(input.string("PackageType")) && input.has("PackageType")) {
            throw LambdaErrors.invalidParameter("Cloudjar runs .zip functions; container images are not supported yet.");
        }
        if (!input.has("Runtime") || !input.has("Handler")) {
            throw LambdaErrors.invalidParameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        Runtimes.requireSupported(input.string("Runtime"));
        String deadLetter = deadLetterTarget(input);
        CodePackages.StoredCode stored = storeCode(scope, input.structure("Code"));
        synchronized (store.writeLock()) {
            if (store.latest(scope, name).isPresent()) {
                throw LambdaErrors.conflict("Function already exist: " + name);
            }
            FunctionConfiguration function = new FunctionConfiguration(name, FunctionConfiguration.LATEST,
                    input.string("Runtime"), input.string("Role"), input.string("Handler"), input.string("Description"),
                    input.has("Timeout") ? input.integer("Timeout") : 3,
                    input.has("MemorySize") ? input.integer("MemorySize") : 128,
                    variables(input), deadLetter, layers.resolve(input.list("Layers")),
                    input.has("Architectures") ? strings(input.list("Architectures")) : List.of("x86_64"),
                    stored.sha256(), stored.size(), stored.blobId(), now(), LambdaStore.newRevisionId());
            store.versions.put(scope, LambdaStore.versionKey(name, function.version()), function);
            store.meta.put(scope, name, new FunctionMeta(0, tags(input)));
            if (Boolean.TRUE.equals(input.bool("Publish"))) {
                publish(scope, function, null);
            }
            Map<String, Object> described = function.describe(scope, "Pending", null);
            described.put("StateReason", "The function is being created.");
            described.put("StateReasonCode", "Creating");
            return output(described);
        }
    }

    public Output getFunction(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
        FunctionConfiguration function = store.resolve(scope, ref);
        FunctionMeta meta = store.meta.get(scope, ref.name()).orElse(new FunctionMeta(0, Map.of()));
        Output output = Output.of("Configuration", describeAsNamed(context, function, ref))
                .put("Code", Map.of("RepositoryType", "S3", "Location",
                        context.endpoint() + CodeDownloads.PREFIX + CodeDownloads.token(function)));
        if (!meta.tags().isEmpty()) {
            output.put("Tags", meta.tags());
        }
        store.reserved.get(scope, ref.name()).ifPresent(r ->
                output.put("Concurrency", Map.of("ReservedConcurrentExecutions", r.reservedConcurrentExecutions())));
        return output;
    }

    public Output getFunctionConfiguration(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
        return output(describeAsNamed(context, store.resolve(scope, ref), ref));
    }

    /**
     * A version as GetFunction and GetFunctionConfiguration show it: $LATEST with the state of its
     * last update, and a qualified request (even with $LATEST or an alias) answered with the ARN as
     * it was qualified.
     */
    private Map<String, Object> describeAsNamed(RequestContext context, FunctionConfiguration function, FunctionRef ref) {
        Scope scope = context.scope();
        boolean updating = FunctionConfiguration.LATEST.equals(function.version())
                && updates.inProgress(scope, function.functionName(), context.receivedAt());
        Map<String, Object> described = updating ? updating(scope, function) : function.describe(scope, "Active", "Successful");
        if (ref.isQualified()) {
            described.put("FunctionArn", ref.arn(scope));
        }
        return described;
    }

    private static Map<String, Object> updating(Scope scope, FunctionConfiguration function) {
        Map<String, Object> described = function.describe(scope, "Active", "InProgress");
        described.put("LastUpdateStatusReason", "The function is being created.");
        described.put("LastUpdateStatusReasonCode", "Creating");
        return described;
    }

    /** Lambda refuses to change a function while its last update is still being applied. */
    private void requireNoUpdateInProgress(RequestContext context, String name) {
        if (updates.inProgress(context.scope(), name, context.receivedAt())) {
            throw LambdaErrors.conflict("The operation cannot be performed at this time. An update is in progress "
                    + "for resource: " + FunctionConfiguration.arn(context.scope(), name));
        }
    }

    /**
     * A function as ListFunctions and ListVersionsByFunction show it: without its state, and, when
     * several versions are listed, named by its qualified ARN ($LATEST included).
     */
    private static Object listed(Scope scope, FunctionConfiguration function, boolean qualified) {
        Map<String, Object> described = function.describe(scope, "Active", "Successful");
        described.remove("State");
        described.remove("LastUpdateStatus");
        if (qualified) {
            described.put("FunctionArn", function.qualifiedArn(scope));
        }
        return described;
    }

    public Output listFunctions(RequestContext context, Input input) {
        Scope scope = context.scope();
        boolean all = "ALL".equals(input.string("FunctionVersion"));
        List<Object> functions = store.versions.list(scope, "").stream()
                .filter(f -> all || FunctionConfiguration.LATEST.equals(f.version()))
                .map(f -> listed(scope, f, all))
                .toList();
        return page(functions, input, "Functions");
    }

    public Output updateFunctionCode(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        CodePackages.StoredCode stored = storeCode(scope, input);
        synchronized (store.writeLock()) {
            FunctionConfiguration current = store.requireLatest(scope, name);
            requireNoUpdateInProgress(context, name);
            requireRevision(input.string("RevisionId"), current.revisionId());
            if (Boolean.TRUE.equals(input.bool("DryRun"))) {
                return output(current.describe(scope, "Active", "Successful"));
            }
            FunctionConfiguration updated = new FunctionConfiguration(name, current.version(), current.runtime(),
                    current.role(), current.handler(), current.description(), current.timeout(), current.memorySize(),
                    current.environment(), current.deadLetterTargetArn(), current.layers(),
                    input.has("Architectures") ? strings(input.list("Architectures")) : current.architectures(),
                    stored.sha256(), stored.size(), stored.blobId(), now(), LambdaStore.newRevisionId());
            return saveLatest(context, updated, Boolean.TRUE.equals(input.bool("Publish")));
        }
    }

    public Output updateFunctionConfiguration(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        if (input.has("Runtime")) {
            Runtimes.requireSupported(input.string("Runtime"));
        }
        synchronized (store.writeLock()) {
            FunctionConfiguration c = store.requireLatest(scope, name);
            requireNoUpdateInProgress(context, name);
            requireRevision(input.string("RevisionId"), c.revisionId());
            FunctionConfiguration updated = new FunctionConfiguration(name, c.version(),
                    or(input.string("Runtime"), c.runtime()), or(input.string("Role"), c.role()),
                    or(input.string("Handler"), c.handler()), or(input.string("Description"), c.description()),
                    or(input.integer("Timeout"), c.timeout()), or(input.integer("MemorySize"), c.memorySize()),
                    input.has("Environment") ? variables(input) : c.environment(),
                    input.has("DeadLetterConfig") ? deadLetterTarget(input) : c.deadLetterTargetArn(),
                    input.has("Layers") ? layers.resolve(input.list("Layers")) : c.layers(), c.architectures(),
                    c.codeSha256(), c.codeSize(), c.codeBlob(), now(), LambdaStore.newRevisionId());
            return saveLatest(context, updated, false);
        }
    }

    private Output saveLatest(RequestContext context, FunctionConfiguration updated, boolean publish) {
        Scope scope = context.scope();
        store.versions.put(scope, LambdaStore.versionKey(updated.functionName(), updated.version()), updated);
        String name = updated.functionName();
        retireEnvironments.accept(k -> k.scope().equals(scope) && k.functionName().equals(name)
                && FunctionConfiguration.LATEST.equals(k.version()));
        updates.started(scope, name, context.receivedAt());
        if (publish) {
            // Publish: true answers with the version it published, as PublishVersion would.
            return output(publish(scope, updated, null).describe(scope, "Active", "Successful"));
        }
        return output(updating(scope, updated));
    }

    public Output deleteFunction(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), scope);
        if (FunctionConfiguration.LATEST.equals(ref.qualifier())) {
            throw LambdaErrors.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
        }
        synchronized (store.writeLock()) {
            store.requireLatest(scope, ref.name());
            if (!ref.isQualified()) {
                store.deleteFunction(scope, ref.name());
                updates.forget(scope, ref.name());
                retireEnvironments.accept(k -> k.scope().equals(scope) && k.functionName().equals(ref.name()));
                return Output.empty();
            }
            if (!LambdaStore.isVersionNumber(ref.qualifier())) {
                throw LambdaErrors.invalidParameter("Deletion of aliases is not supported. Use DeleteAlias instead, "
                        + "or pass a version as the qualifier.");
            }
            List<String> aliases = store.aliases.list(scope, ref.name() + '\0').stream()
                    .filter(a -> a.functionVersion().equals(ref.qualifier())).map(a -> a.name()).toList();
            if (!aliases.isEmpty()) {
                throw LambdaErrors.conflict("Unable to delete version because the following aliases reference it: " + aliases);
            }
            store.versions.delete(scope, LambdaStore.versionKey(ref.name(), ref.qualifier()));
            retireEnvironments.accept(k -> k.scope().equals(scope) && k.functionName().equals(ref.name())
                    && k.version().equals(ref.qualifier()));
            return Output.empty();
        }
    }

    public Output publishVersion(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        synchronized (store.writeLock()) {
            FunctionConfiguration latest = store.requireLatest(scope, name);
            requireNoUpdateInProgress(context, name);
            requireRevision(input.string("RevisionId"), latest.revisionId());
            String sha = input.string("CodeSha256");
            if (sha != null && !sha.equals(latest.codeSha256())) {
                throw LambdaErrors.invalidParameter("CodeSHA256 (" + sha + ") is different from current CodeSHA256 in "
                        + "$LATEST (" + latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
            }
            return output(publish(scope, latest, input.string("Description")).describe(scope, "Active", "Successful"));
        }
    }

    /** A new version from $LATEST; unchanged code and configuration give the last version again, as on Lambda. */
    private FunctionConfiguration publish(Scope scope, FunctionConfiguration latest, String description) {
        String name = latest.functionName();
        FunctionMeta meta = store.meta.get(scope, name).orElse(new FunctionMeta(0, Map.of()));
        if (meta.lastVersion() > 0) {
            FunctionConfiguration last = store.version(scope, name, Long.toString(meta.lastVersion())).orElse(null);
            if (last != null && sameSettings(last, latest)) {
                return last;
            }
        }
        long number = meta.lastVersion() + 1;
        FunctionConfiguration version = latest.withVersion(Long.toString(number), LambdaStore.newRevisionId(), now());
        if (description != null) {
            version = new FunctionConfiguration(name, version.version(), version.runtime(), version.role(), version.handler(),
                    description, version.timeout(), version.memorySize(), version.environment(),
                    version.deadLetterTargetArn(), version.layers(), version.architectures(), version.codeSha256(),
                    version.codeSize(), version.codeBlob(), version.lastModified(), version.revisionId());
        }
        store.versions.put(scope, LambdaStore.versionKey(name, version.version()), version);
        store.meta.put(scope, name, new FunctionMeta(number, meta.tags()));
        return version;
    }

    private static boolean sameSettings(FunctionConfiguration a, FunctionConfiguration b) {
        return a.codeSha256().equals(b.codeSha256()) && Objects.equals(a.runtime(), b.runtime())
                && Objects.equals(a.handler(), b.handler()) && a.timeout() == b.timeout()
                && a.memorySize() == b.memorySize() && a.environment().equals(b.environment())
                && Objects.equals(a.role(), b.role()) && a.layers().equals(b.layers()) && Objects.equals(a.deadLetterTargetArn(), b.deadLetterTargetArn());
    }

    public Output listVersionsByFunction(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        store.requireLatest(scope, name);
        List<Object> versions = store.versions.list(scope, name + '\0').stream()
                .map(f -> listed(scope, f, true)).toList();
        return page(versions, input, "Versions");
    }

    private CodePackages.StoredCode storeCode(Scope scope, Input codeInput) {
        if (codeInput == null) {
            throw LambdaErrors.invalidParameter("Code is required.");
        }
        return code.store(scope, codeInput);
    }

    public static void requireRevision(String given, String current) {
        if (given != null && !given.equals(current)) {
            throw LambdaErrors.preconditionFailed();
        }
    }

    private static String deadLetterTarget(Input input) {
        Input config = input.structure("DeadLetterConfig");
        String target = config == null ? null : config.string("TargetArn");
        if (target == null || target.isEmpty()) {
            return null;
        }
        if (!Destinations.isSupported(target) || !target.matches("arn:aws[a-z-]*:(sqs|sns):.*")) {
            throw LambdaErrors.invalidParameter("The provided target ARN " + target + " is not a valid SQS queue or SNS topic.");
        }
        return target;
    }

    private static Map<String, String> variables(Input input) {
        Input environment = input.structure("Environment");
        Map<String, Object> raw = environment == null ? null : environment.map("Variables");
        Map<String, String> vars = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> vars.put(k, String.valueOf(v)));
        }
        return vars;
    }

    private static Map<String, String> tags(Input input) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (input.map("Tags") != null) {
            input.map("Tags").forEach((k, v) -> tags.put(k, String.valueOf(v)));
        }
        return tags;
    }

    private static List<String> strings(List<Object> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** A page of a list, with the index of the next item as the opaque NextMarker. */
    public static Output page(List<Object> items, Input input, String member) {
        int from = 0;
        if (input.has("Marker")) {
            try {
                from = Integer.parseInt(input.string("Marker"));
            } catch (NumberFormatException e) {
                throw LambdaErrors.invalidParameter("Invalid marker: " + input.string("Marker"));
            }
        }
        int size = input.has("MaxItems") ? input.integer("MaxItems") : DEFAULT_PAGE;
        int to = Math.min(items.size(), from + size);
        Output output = Output.of(member, from >= items.size() ? List.of() : items.subList(from, to));
        return to < items.size() ? output.put("NextMarker", Integer.toString(to)) : output;
    }

    public static Output output(Map<String, Object> members) {
        Output output = Output.empty();
        members.forEach(output::put);
        return output;
    }
}
