package dev.cloudjar.dynamodb.stream;

import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.ItemCodec;
import dev.cloudjar.dynamodb.item.WireValues;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of one item as its table's stream holds it.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param byService whether DynamoDB itself made the change (a TTL deletion)
 * @param newImage  null unless the stream's view type carries it
 * @param oldImage  null unless the stream's view type carries it
 */
public record StreamRecord(long sequenceNumber, String eventId, String eventName, long createdAtMillis,
                           boolean byService, String viewType, long sizeBytes, Map<String, AttributeValue> keys,
                           Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {

    /** Sequence numbers are decimal strings of at least 21 digits; zero padding keeps them in order. */
    public static String sequenceString(long sequenceNumber) {
        return String.format("%021d", sequenceNumber);
    }

    /** The Record shape of GetRecords, which is also the record of a Lambda DynamoDB event. */
    public Map<String, Object> wire(String region, String streamArn) {
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        // AWS rounds ApproximateCreationDateTime down to the second.
        dynamodb.put("ApproximateCreationDateTime", Instant.ofEpochSecond(createdAtMillis / 1000));
        dynamodb.put("Keys", WireValues.wire(keys));
        if (newImage != null) {
            dynamodb.put("NewImage", WireValues.wire(newImage));
        }
        if (oldImage != null) {
            dynamodb.put("OldImage", WireValues.wire(oldImage));
        }
        dynamodb.put("SequenceNumber", sequenceString(sequenceNumber));
        dynamodb.put("SizeBytes", sizeBytes);
        dynamodb.put("StreamViewType", viewType);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventID", eventId);
        out.put("eventName", eventName);
        out.put("eventVersion", "1.1");
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", region);
        out.put("dynamodb", dynamodb);
        if (byService) {
            out.put("userIdentity", Map.of("Type", "Service", "PrincipalId", "dynamodb.amazonaws.com"));
        }
        out.put("eventSourceARN", streamArn);
        return out;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(sequenceNumber);
            out.writeUTF(eventId);
            out.writeUTF(eventName);
            out.writeLong(createdAtMillis);
            out.writeBoolean(byService);
            out.writeUTF(viewType);
            out.writeLong(sizeBytes);
            writeImage(out, keys);
            writeImage(out, newImage);
            writeImage(out, oldImage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StreamRecord decode(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            return new StreamRecord(in.readLong(), in.readUTF(), in.readUTF(), in.readLong(), in.readBoolean(),
                    in.readUTF(), in.readLong(), readImage(in), readImage(in), readImage(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeImage(DataOutputStream out, Map<String, AttributeValue> image) throws IOException {
        if (image == null) {
            out.writeInt(-1);
            return;
        }
        byte[] encoded = ItemCodec.encode(image);
        out.writeInt(encoded.length);
        out.write(encoded);
    }

    private static Map<String, AttributeValue> readImage(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return ItemCodec.decode(in.readNBytes(length));
    }
}
