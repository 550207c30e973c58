package dev.cloudjar.lambda.layer;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.CodeDownloads;
import dev.cloudjar.lambda.function.CodePackages;
import dev.cloudjar.lambda.function.FunctionLayer;
import dev.cloudjar.lambda.function.FunctionOperations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn, ListLayerVersions, ListLayers and
 * DeleteLayerVersion; and the resolution of a function's Layers to their packages.
 */
public final class LayerOperations {
    /** Lambda's limit on the layers of one function. */
    private static final int MAX_FUNCTION_LAYERS = 5;
    private static final Pattern LAYER_NAME = Pattern.compile(
            "^(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):(?<account>\\d{12}):layer:)?(?<name>[a-zA-Z0-9_-]+)$");
    private static final Pattern LAYER_VERSION_ARN = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):(?<account>\\d{12}):layer:(?<name>[a-zA-Z0-9_-]+):(?<version>\\d+)$");

    private final LambdaStore store;
    private final CodePackages code;

    public LayerOperations(LambdaStore store, CodePackages code) {
        this.store = store;
        this.code = code;
    }

    public Output publishLayerVersion(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = layerName(input.string("LayerName"), scope);
        CodePackages.StoredCode stored = code.store(scope, input.structure("Content"));
        synchronized (this) {
            long number = store.layers.get(scope, name).map(LayerMeta::lastVersion).orElse(0L) + 1;
            LayerVersion version = new LayerVersion(name, number, input.string("Description"),
                    strings(input.list("CompatibleRuntimes")), strings(input.list("CompatibleArchitectures")),
                    input.string("LicenseInfo"), stored.sha256(), stored.size(), stored.blobId(), FunctionOperations.now());
            store.layerVersions.put(scope, LambdaStore.versionKey(name, Long.toString(number)), version);
            store.layers.put(scope, name, new LayerMeta(number));
            return FunctionOperations.output(version.describe(scope, location(context, version)));
        }
    }

    public Output getLayerVersion(RequestContext context, Input input) {
        Scope scope = context.scope();
        LayerVersion version = require(scope, layerName(input.string("LayerName"), scope), input.longValue("VersionNumber"));
        return FunctionOperations.output(version.describe(scope, location(context, version)));
    }

    public Output getLayerVersionByArn(RequestContext context, Input input) {
        Scope scope = context.scope();
        Matcher arn = LAYER_VERSION_ARN.matcher(input.string("Arn"));
        if (!arn.matches() || !arn.group("account").equals(scope.accountId()) || !arn.group("region").equals(scope.region())) {
            throw LambdaErrors.resourceNotFound("The resource you requested does not exist.");
        }
        LayerVersion version = require(scope, arn.group("name"), Long.parseLong(arn.group("version")));
        return FunctionOperations.output(version.describe(scope, location(context, version)));
    }

    public Output listLayerVersions(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = layerName(input.string("LayerName"), scope);
        List<Object> items = new ArrayList<>();
        for (LayerVersion version : store.layerVersions.list(scope, name + '\0')) {
            if (compatible(version, input)) {
                // Newest first, as Lambda lists them.
                items.add(0, version.listItem(scope));
            }
        }
        return FunctionOperations.page(items, input, "LayerVersions");
    }

    public Output listLayers(RequestContext context, Input input) {
        Scope scope = context.scope();
        Map<String, LayerVersion> latest = new LinkedHashMap<>();
        for (LayerVersion version : store.layerVersions.list(scope, "")) {
            if (compatible(version, input)) {
                latest.put(version.layerName(), version);
            }
        }
        List<Object> items = new ArrayList<>();
        latest.forEach((name, version) -> items.add(Map.of("LayerName", name,
                "LayerArn", LayerVersion.layerArn(scope, name), "LatestMatchingVersion", version.listItem(scope))));
        return FunctionOperations.page(items, input, "Layers");
    }

    /** Deletes a version; its number is not reused, and functions using it keep their copy. */
    public Output deleteLayerVersion(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = layerName(input.string("LayerName"), scope);
        store.layerVersions.delete(scope, LambdaStore.versionKey(name, Long.toString(input.longValue("VersionNumber"))));
        return Output.empty();
    }

    /** A function's Layers (version ARNs, in order) resolved to their packages; any account's layers. */
    public List<FunctionLayer> resolve(List<Object> arns) {
        if (arns == null) {
            return List.of();
        }
        if (arns.size() > MAX_FUNCTION_LAYERS) {
            throw LambdaErrors.invalidParameter("Cannot reference more than " + MAX_FUNCTION_LAYERS + " layers.");
        }
        List<FunctionLayer> layers = new ArrayList<>();
        for (Object raw : arns) {
            String arn = String.valueOf(raw);
            Matcher m = LAYER_VERSION_ARN.matcher(arn);
            Optional<LayerVersion> version = m.matches()
                    ? store.layerVersions.get(new Scope(m.group("account"), m.group("region")),
                    LambdaStore.versionKey(m.group("name"), m.group("version")))
                    : Optional.empty();
            LayerVersion found = version.orElseThrow(() -> LambdaErrors.invalidParameter("Layer version " + arn
                    + " does not exist."));
            layers.add(new FunctionLayer(arn, found.codeSize(), found.codeBlob(), found.codeSha256()));
        }
        return layers;
    }

    private LayerVersion require(Scope scope, String name, long number) {
        return store.layerVersions.get(scope, LambdaStore.versionKey(name, Long.toString(number)))
                .orElseThrow(() -> LambdaErrors.resourceNotFound("The resource you requested does not exist."));
    }

    /** A LayerName: a name, or the layer's ARN in the caller's account and region. */
    private static String layerName(String given, Scope scope) {
        Matcher m = LAYER_NAME.matcher(given);
        if (!m.matches() || m.group("account") != null
                && (!m.group("account").equals(scope.accountId()) || !m.group("region").equals(scope.region()))) {
            throw LambdaErrors.resourceNotFound("The resource you requested does not exist.");
        }
        return m.group("name");
    }

    private static boolean compatible(LayerVersion version, Input input) {
        String runtime = input.string("CompatibleRuntime");
        String architecture = input.string("CompatibleArchitecture");
        return (runtime == null || version.compatibleRuntimes().contains(runtime))
                && (architecture == null || version.compatibleArchitectures().contains(architecture));
    }

    private static String location(RequestContext context, LayerVersion version) {
        return context.endpoint() + CodeDownloads.PREFIX + version.codeBlob();
    }

    private static List<String> strings(List<Object> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }
}
