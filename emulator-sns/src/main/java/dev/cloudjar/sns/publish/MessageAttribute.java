package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.sns.SnsErrors;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One message attribute as Publish received it, validated as SNS validates it ("Amazon SNS message
 * attribute data types and validation": String, String.Array, Number and Binary, each with an
 * optional custom suffix). {@code value} is the StringValue, or the BinaryValue in base64.
 */
public record MessageAttribute(String dataType, String value) {
    private static final int MAX_ATTRIBUTES = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern TYPE = Pattern.compile("(String|Number|Binary)(\\.[^\\s]{1,255})?");

    /** The type without its custom suffix: String, Number or Binary. */
    public String baseType() {
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    /** The attribute in SNS's JSON envelope and Lambda event: {@code {"Type": ..., "Value": ...}}. */
    public Map<String, String> envelope() {
        Map<String, String> envelope = new LinkedHashMap<>();
        envelope.put("Type", dataType);
        envelope.put("Value", value);
        return envelope;
    }

    /**
     * Validates a Publish's MessageAttributes (name → {DataType, StringValue, BinaryValue}).
     *
     * @throws dev.cloudjar.core.error.AwsException ParameterValueInvalid, with SNS's words
     */
    @SuppressWarnings("unchecked")
    public static Map<String, MessageAttribute> read(Map<String, Object> attributes) {
        Map<String, MessageAttribute> read = new LinkedHashMap<>();
        if (attributes == null) {
            return read;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw SnsErrors.parameterValueInvalid("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
        }
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            String name = e.getKey();
            Map<String, Object> value = (Map<String, Object>) e.getValue();
            if (!NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                    || name.startsWith("AWS.") || name.startsWith("Amazon.")) {
                throw SnsErrors.parameterValueInvalid("The message attribute name '" + name + "' is invalid.");
            }
            read.put(name, of(name, String.valueOf(value.get("DataType")), (String) value.get("StringValue"),
                    (byte[]) value.get("BinaryValue")));
        }
        return read;
    }

    private static MessageAttribute of(String name, String dataType, String string, byte[] binary) {
        if (!TYPE.matcher(dataType).matches()) {
            throw SnsErrors.parameterValueInvalid("The message attribute '" + name + "' has an invalid message attribute"
                    + " type, the set of supported type prefixes is Binary, Number, and String.");
        }
        if (dataType.startsWith("Binary")) {
            if (binary == null) {
                throw SnsErrors.parameterValueInvalid("The message attribute '" + name + "' with type 'Binary' must use field 'Binary'.");
            }
            return new MessageAttribute(dataType, Base64.getEncoder().encodeToString(binary));
        }
        if (string == null || string.isEmpty()) {
            throw SnsErrors.parameterValueInvalid("The message attribute '" + name + "' must contain non-empty message"
                    + " attribute value for message attribute type '" + dataType.split("\\.")[0] + "'.");
        }
        if (dataType.startsWith("Number")) {
            try {
                new BigDecimal(string);
            } catch (NumberFormatException e) {
                throw SnsErrors.parameterValueInvalid("Could not cast message attribute '" + name + "' value to number.");
            }
        }
        if (dataType.equals("String.Array") && !isArrayOfScalars(string)) {
            throw SnsErrors.parameterValueInvalid("The message attribute '" + name + "' with type 'String.Array' must"
                    + " be an array of strings, numbers, true, false and null.");
        }
        return new MessageAttribute(dataType, string);
    }

    private static boolean isArrayOfScalars(String value) {
        try {
            JsonNode node = RecordJson.tree(value);
            if (node == null || !node.isArray()) {
                return false;
            }
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Bytes counted toward the 256 KiB limit: name, type and value, as SNS counts them. */
    static long size(Map<String, MessageAttribute> attributes) {
        long size = 0;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            size += utf8(e.getKey()) + utf8(e.getValue().dataType()) + utf8(e.getValue().value());
        }
        return size;
    }

    static long utf8(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
