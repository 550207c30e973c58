package dev.cloudjar.dynamodb.table;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.dynamodb.DynamoDbErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Time to live, tags, DescribeLimits and DescribeEndpoints. */
public final class TableSettingsOperations {
    private final TableCatalog catalog;

    public TableSettingsOperations(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public Output describeTimeToLive(RequestContext context, Input input) {
        TableDefinition table = tableNamed(context, input.string("TableName"));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("TimeToLiveStatus", table.ttlAttribute() == null ? "DISABLED" : "ENABLED");
        if (table.ttlAttribute() != null) {
            description.put("AttributeName", table.ttlAttribute());
        }
        return Output.of("TimeToLiveDescription", description);
    }

    public Output updateTimeToLive(RequestContext context, Input input) {
        TableDefinition table = tableNamed(context, input.string("TableName"));
        Input spec = input.structure("TimeToLiveSpecification");
        boolean enable = Boolean.TRUE.equals(spec.bool("Enabled"));
        if (enable == (table.ttlAttribute() != null)) {
            throw DynamoDbErrors.validation("TimeToLive is already " + (enable ? "enabled" : "disabled"));
        }
        catalog.update(context.scope(), table.toBuilder().ttlAttribute(enable ? spec.string("AttributeName") : null).build());
        return Output.of("TimeToLiveSpecification", Map.of("Enabled", enable, "AttributeName", spec.string("AttributeName")));
    }

    public Output tagResource(RequestContext context, Input input) {
        TableDefinition table = tableOf(context, input.string("ResourceArn"));
        TableDefinition.Builder updated = table.toBuilder();
        updated.tags().putAll(TableOperations.tags(input.list("Tags")));
        catalog.update(context.scope(), updated.build());
        return Output.empty();
    }

    public Output untagResource(RequestContext context, Input input) {
        TableDefinition table = tableOf(context, input.string("ResourceArn"));
        TableDefinition.Builder updated = table.toBuilder();
        input.list("TagKeys").forEach(k -> updated.tags().remove(k.toString()));
        catalog.update(context.scope(), updated.build());
        return Output.empty();
    }

    public Output listTagsOfResource(RequestContext context, Input input) {
        TableDefinition table = tableOf(context, input.string("ResourceArn"));
        List<Object> tags = new ArrayList<>();
        table.tags().forEach((k, v) -> tags.add(Map.of("Key", k, "Value", v)));
        return Output.of("Tags", tags);
    }

    public Output describeLimits(RequestContext context, Input input) {
        return Output.of("AccountMaxReadCapacityUnits", 80000L)
                .put("AccountMaxWriteCapacityUnits", 80000L)
                .put("TableMaxReadCapacityUnits", 40000L)
                .put("TableMaxWriteCapacityUnits", 40000L);
    }

    public Output describeEndpoints(RequestContext context, Input input) {
        return Output.of("Endpoints", List.of(Map.of("Address", "dynamodb." + context.region() + ".amazonaws.com",
                "CachePeriodInMinutes", 1440L)));
    }

    private TableDefinition tableNamed(RequestContext context, String name) {
        return catalog.find(context.scope(), name).orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
    }

    private TableDefinition tableOf(RequestContext context, String arn) {
        int at = arn == null ? -1 : arn.indexOf(":table/");
        String name = at < 0 ? null : arn.substring(at + ":table/".length()).split("/")[0];
        AwsException notFound = AwsException.client("ResourceNotFoundException",
                "Requested resource not found: ResourcArn: " + arn + " not found");
        if (name == null) {
            throw notFound;
        }
        TableDefinition table = catalog.find(context.scope(), name).orElseThrow(() -> notFound);
        if (!table.arn().equals(arn)) {
            throw notFound;
        }
        return table;
    }
}
