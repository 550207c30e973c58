package dev.cloudjar.dynamodb.item;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.table.IndexDefinition;
import dev.cloudjar.dynamodb.table.KeySchema;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validation of keys and items against a table's schema, with AWS's messages, and storage keys. */
public final class Keys {
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;
    private static final String KEY_MISMATCH = "The provided key element does not match the schema";

    private Keys() {
    }

    /** A Key parameter: exactly the table's key attributes with their defined types. */
    public static Map<String, AttributeValue> requireKey(TableDefinition table, Map<String, AttributeValue> key) {
        requireKeyMatchesSchema(table, key);
        requireKeyValues(table, key);
        return key;
    }

    /**
     * The checks of a Key that DynamoDB makes on the request itself (no empty values, within size):
     * a transaction fails as a whole on them, with a ValidationException. Attributes missing or of
     * another type are left to {@link #requireKeyMatchesSchema}.
     */
    public static void requireKeyValues(TableDefinition table, Map<String, AttributeValue> key) {
        requireKeyValuesOfSchemaTypes(table, key == null ? Map.of() : key);
    }

    /**
     * Exactly the table's key attributes with their types: in a transaction, a mismatch cancels it
     * with a ValidationError reason rather than failing the request.
     */
    public static void requireKeyMatchesSchema(TableDefinition table, Map<String, AttributeValue> key) {
        KeySchema schema = table.keySchema();
        if (key == null || key.size() != schema.attributes().size() || !key.keySet().containsAll(schema.attributes())) {
            throw DynamoDbErrors.validation(KEY_MISMATCH);
        }
        for (String attribute : schema.attributes()) {
            if (!key.get(attribute).type().name().equals(table.attributeTypes().get(attribute))) {
                throw DynamoDbErrors.validation(KEY_MISMATCH);
            }
        }
    }

    /** An item to write: its key attributes present and typed, index keys typed, within 400 KB. */
    public static void requireValidItem(TableDefinition table, Map<String, AttributeValue> item) {
        requireItemValues(table, item, false);
        requireItemTypes(table, item);
        requireItemSize(item);
    }

    public static void requireItemSize(Map<String, AttributeValue> item) {
        if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
            throw DynamoDbErrors.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /** The size check of an item an UpdateExpression made, in AWS's wording for updates. */
    public static void requireUpdatedItemSize(Map<String, AttributeValue> item) {
        if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
            throw DynamoDbErrors.validation("Item size to update has exceeded the maximum allowed size");
        }
    }

    /**
     * The checks of an item DynamoDB makes on the request (key attributes present and not empty,
     * within size, no empty index key): a transaction fails as a whole on them.
     *
     * @param byUpdate whether an UpdateExpression made the item, which AWS words differently for an
     *                 empty index key (and without naming the index)
     */
    public static void requireItemValues(TableDefinition table, Map<String, AttributeValue> item, boolean byUpdate) {
        for (String attribute : table.keySchema().attributes()) {
            if (item.get(attribute) == null) {
                throw DynamoDbErrors.invalidParameter("Missing the key " + attribute + " in the item");
            }
        }
        requireKeyValuesOfSchemaTypes(table, item);
        for (IndexDefinition index : table.indexes()) {
            for (String attribute : index.keySchema().attributes()) {
                AttributeValue value = item.get(attribute);
                if (value != null && isEmpty(value)
                        && value.type().name().equals(table.attributeTypes().get(attribute))) {
                    String empty = value.type() == AttributeValue.Type.S ? "string" : "binary";
                    throw DynamoDbErrors.validation(byUpdate
                            ? "One or more parameter values are not valid. The update expression attempted to update "
                                    + "a secondary index key to a value that is not supported. The AttributeValue for a "
                                    + "key attribute cannot contain an empty " + empty + " value."
                            : "One or more parameter values are not valid. A value specified for a secondary index key "
                                    + "is not supported. The AttributeValue for a key attribute cannot contain an empty "
                                    + empty + " value. IndexName: " + index.name() + ", IndexKey: " + attribute);
                }
            }
        }
    }

    /** The item's key and index key types against the schema: a ValidationError reason in a transaction. */
    public static void requireItemTypes(TableDefinition table, Map<String, AttributeValue> item) {
        for (String attribute : table.keySchema().attributes()) {
            String expected = table.attributeTypes().get(attribute);
            String actual = item.get(attribute).type().name();
            if (!actual.equals(expected)) {
                throw DynamoDbErrors.invalidParameter("Type mismatch for key " + attribute + " expected: " + expected
                        + " actual: " + actual);
            }
        }
        for (IndexDefinition index : table.indexes()) {
            for (String attribute : index.keySchema().attributes()) {
                AttributeValue value = item.get(attribute);
                String expected = table.attributeTypes().get(attribute);
                if (value != null && !value.type().name().equals(expected)) {
                    throw DynamoDbErrors.invalidParameter("Type mismatch for Index Key " + attribute + " Expected: "
                            + expected + " Actual: " + value.type().name() + " IndexName: " + index.name());
                }
            }
        }
    }

    /** Empty and oversized key values; a value missing or of the wrong type is left to the schema checks. */
    private static void requireKeyValuesOfSchemaTypes(TableDefinition table, Map<String, AttributeValue> item) {
        boolean typed = true;
        for (String attribute : table.keySchema().attributes()) {
            AttributeValue value = item.get(attribute);
            if (value != null && value.type().name().equals(table.attributeTypes().get(attribute))) {
                requireNonEmptyKey(attribute, value);
            } else {
                typed = false;
            }
        }
        if (typed) {
            requireKeySizes(table.keySchema(), item);
        }
    }

    private static void requireNonEmptyKey(String attribute, AttributeValue value) {
        if (isEmpty(value)) {
            throw DynamoDbErrors.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (value.type() == AttributeValue.Type.S ? "string" : "binary")
                    + " value. Key: " + attribute);
        }
    }

    private static boolean isEmpty(AttributeValue value) {
        return value instanceof AttributeValue.S s && s.value().isEmpty()
                || value instanceof AttributeValue.B b && b.value().length == 0;
    }

    private static void requireKeySizes(KeySchema schema, Map<String, AttributeValue> item) {
        if (ItemSize.of(item.get(schema.hash())) > MAX_PARTITION_KEY_BYTES) {
            // AWS's wording, missing space included.
            throw DynamoDbErrors.invalidParameter("Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (schema.hasRange() && ItemSize.of(item.get(schema.range())) > MAX_SORT_KEY_BYTES) {
            throw DynamoDbErrors.invalidParameter(
                    "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    /** The key attributes of an item. */
    public static Map<String, AttributeValue> keyOf(KeySchema schema, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : schema.attributes()) {
            key.put(attribute, item.get(attribute));
        }
        return key;
    }

    /** The storage key of an item under a key schema: partition key, then sort key. */
    public static byte[] storageKey(KeySchema schema, Map<String, AttributeValue> item) {
        ByteSink out = new ByteSink(32);
        KeyEncoding.encode(item.get(schema.hash()), out);
        if (schema.hasRange()) {
            KeyEncoding.encode(item.get(schema.range()), out);
        }
        return out.toByteArray();
    }

    /** True when the item has every key attribute of the index (sparse indexes skip the others). */
    public static boolean inIndex(IndexDefinition index, Map<String, AttributeValue> item) {
        for (String attribute : index.keySchema().attributes()) {
            AttributeValue value = item.get(attribute);
            if (value == null || !(value instanceof AttributeValue.S || value instanceof AttributeValue.N
                    || value instanceof AttributeValue.B)) {
                return false;
            }
        }
        return true;
    }
}
