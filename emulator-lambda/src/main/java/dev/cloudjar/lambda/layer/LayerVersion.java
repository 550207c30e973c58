package dev.cloudjar.lambda.layer;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One published version of a layer: its settings and the blob holding its zip. */
public record LayerVersion(String layerName, long version, String description, List<String> compatibleRuntimes,
                           List<String> compatibleArchitectures, String licenseInfo, String codeSha256, long codeSize,
                           String codeBlob, String createdDate) {

    public static String layerArn(Scope scope, String layerName) {
        return Arn.of("lambda", scope, "layer:" + layerName).toString();
    }

    public String layerVersionArn(Scope scope) {
        return layerArn(scope, layerName) + ":" + version;
    }

    /** The LayerVersionsListItem shape. */
    public Map<String, Object> listItem(Scope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("LayerVersionArn", layerVersionArn(scope));
        m.put("Version", version);
        m.put("Description", description == null ? "" : description);
        m.put("CreatedDate", createdDate);
        if (!compatibleRuntimes.isEmpty()) {
            m.put("CompatibleRuntimes", compatibleRuntimes);
        }
        if (licenseInfo != null) {
            m.put("LicenseInfo", licenseInfo);
        }
        if (!compatibleArchitectures.isEmpty()) {
            m.put("CompatibleArchitectures", compatibleArchitectures);
        }
        return m;
    }

    /** The GetLayerVersion / PublishLayerVersion answer; Content.Location is where the zip downloads. */
    public Map<String, Object> describe(Scope scope, String location) {
        Map<String, Object> m = listItem(scope);
        m.put("LayerArn", layerArn(scope, layerName));
        m.put("Content", Map.of("Location", location, "CodeSha256", codeSha256, "CodeSize", codeSize));
        return m;
    }
}
