package dev.cloudjar.sqs.message;

import dev.cloudjar.sqs.SqsErrors;

import java.util.LinkedHashMap;
import java.util.Map;

/** A message attribute: a data type (String, Number, Binary, with an optional ".label") and its value. */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    /** From the request's map (DataType, StringValue or BinaryValue), validated as SQS does. */
    public static MessageAttribute from(String name, Map<String, Object> value) {
        String type = String.valueOf(value.get("DataType"));
        Object string = value.get("StringValue");
        Object binary = value.get("BinaryValue");
        if (type.startsWith("Binary")) {
            if (binary == null) {
                throw SqsErrors.invalidParameterValue("The message attribute '" + name + "' with type 'Binary' must use field 'Binary'.");
            }
            return new MessageAttribute(type, null, (byte[]) binary);
        }
        if (!type.startsWith("String") && !type.startsWith("Number")) {
            throw SqsErrors.invalidParameterValue("The type of message (user) attribute '" + name + "' is invalid. "
                    + "You must use only the following supported type prefixes: Binary, Number, String.");
        }
        if (string == null || string.toString().isEmpty()) {
            throw SqsErrors.invalidParameterValue("Message (user) attribute '" + name + "' must contain a non-empty value"
                    + " of type '" + type + "'.");
        }
        if (!MessageOperations.hasAllowedCharacters(string.toString())) {
            // The same words as InvalidMessageContents, but for an attribute SQS calls the value invalid.
            throw SqsErrors.invalidParameterValue(SqsErrors.invalidMessageContents().getMessage());
        }
        return new MessageAttribute(type, string.toString(), null);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DataType", dataType);
        if (binaryValue != null) {
            m.put("BinaryValue", binaryValue);
        } else {
            m.put("StringValue", stringValue);
        }
        return m;
    }
}
