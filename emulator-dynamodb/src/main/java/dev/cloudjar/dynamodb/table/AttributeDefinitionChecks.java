package dev.cloudjar.dynamodb.table;

import dev.cloudjar.dynamodb.DynamoDbErrors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How AttributeDefinitions must match the key schemas of a table and its indexes, with DynamoDB's
 * messages, which differ by whether the table declares indexes and by which side has more names.
 */
final class AttributeDefinitionChecks {
    private AttributeDefinitionChecks() {
    }

    /** The table's KeySchema names (duplicates included) against the definitions, before the schema's own shape. */
    static void requireTableKeysDefined(List<String> keyNames, Map<String, String> types) {
        if (keyNames.size() > types.size()) {
            throw DynamoDbErrors.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        requireDefined(keyNames, types);
    }

    /** An index's KeySchema names, checked first for each index. */
    static void requireDefined(List<String> keyNames, Map<String, String> types) {
        if (!types.keySet().containsAll(keyNames)) {
            throw DynamoDbErrors.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. "
                    + "Keys: " + keyNames + ", AttributeDefinitions: " + new ArrayList<>(types.keySet()));
        }
    }

    /** Every definition is a key attribute of the table or one of its indexes, and every key is defined. */
    static void requireAllUsed(KeySchema table, List<IndexDefinition> indexes, Map<String, String> types) {
        Set<String> keys = new LinkedHashSet<>(table.attributes());
        indexes.forEach(i -> keys.addAll(i.keySchema().attributes()));
        requireDefined(keys.stream().filter(k -> !types.containsKey(k)).toList(), types);
        if (!keys.containsAll(types.keySet())) {
            throw DynamoDbErrors.invalidParameter(indexes.isEmpty()
                    ? "Number of attributes in KeySchema does not exactly match number of attributes defined in "
                            + "AttributeDefinitions"
                    : "Some AttributeDefinitions are not used. AttributeDefinitions: " + new ArrayList<>(types.keySet())
                            + ", keys used: " + new ArrayList<>(keys));
        }
    }
}
