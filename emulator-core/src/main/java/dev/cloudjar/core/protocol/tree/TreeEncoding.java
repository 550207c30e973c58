package dev.cloudjar.core.protocol.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;

import java.time.Instant;

/**
 * How one protocol spells, in a Jackson tree, the values JSON and CBOR spell differently: member
 * names, blobs, floats and timestamps. Everything else (structures, unions, lists, maps, nulls,
 * integers, defaults) {@link TreeShapeReader} and {@link TreeShapeWriter} walk the same way for
 * every protocol whose body is one document.
 */
public interface TreeEncoding {
    /** awsJson's spelling, which is also how a Smithy model writes a member's default value. */
    TreeEncoding AWS_JSON = new JsonEncoding(false);

    /** restJson1's: awsJson's, with members renamed by jsonName. */
    TreeEncoding REST_JSON = new JsonEncoding(true);

    /** The member's key in its structure's object. */
    String wireName(Member member);

    /** @throws dev.cloudjar.core.error.AwsException {@link TreeShapeReader#malformed} when the node is no blob */
    byte[] readBlob(JsonNode node, Shape target);

    /** @throws dev.cloudjar.core.error.AwsException {@link TreeShapeReader#malformed} when the node is no number */
    double readFloat(JsonNode node, Shape target);

    /** @throws dev.cloudjar.core.error.AwsException {@link TreeShapeReader#malformed} when the node is no timestamp */
    Instant readTimestamp(Member member, JsonNode node);

    JsonNode writeBlob(byte[] value);

    /** A float or double member's value; {@code target} says which of the two it is. */
    JsonNode writeFloat(Shape target, Number value);

    JsonNode writeTimestamp(Member member, Instant value);
}
