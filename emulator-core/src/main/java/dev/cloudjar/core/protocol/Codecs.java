package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.json.AwsJsonCodec;
import dev.cloudjar.core.protocol.json.RestJsonCodec;
import dev.cloudjar.core.protocol.xml.AwsQueryCodec;
import dev.cloudjar.core.protocol.xml.RestXmlCodec;

import java.util.EnumMap;
import java.util.Map;

/** The codec of each protocol. Codecs are stateless, so one instance serves every service. */
public final class Codecs {
    /**
     * What precedes the error name in awsJson's {@code __type} where AWS does not send the
     * protocol's default (awsJson1_0: the shape's namespace, awsJson1_1: nothing).
     */
    private static final Map<String, String> AWS_JSON_ERROR_TYPE_PREFIXES = Map.of(
            "DynamoDB_20120810", "com.amazonaws.dynamodb.v20120810#");

    /** Services that report constraint violations under their own code rather than ValidationException. */
    private static final Map<String, String> VALIDATION_ERROR_CODES = Map.of(
            "AWSCognitoIdentityProviderService", "InvalidParameterException");

    private final Map<Protocol, ProtocolCodec> codecs = new EnumMap<>(Protocol.class);

    /** Every protocol Cloudjar speaks, with AWS's per-service error conventions. */
    public static Codecs standard() {
        Validator validator = new Validator(VALIDATION_ERROR_CODES);
        return new Codecs()
                .register(new AwsJsonCodec(Protocol.AWS_JSON_1_0, validator, AWS_JSON_ERROR_TYPE_PREFIXES))
                .register(new AwsJsonCodec(Protocol.AWS_JSON_1_1, validator, AWS_JSON_ERROR_TYPE_PREFIXES))
                .register(new RestJsonCodec(validator))
                .register(new AwsQueryCodec(validator))
                .register(new RestXmlCodec(validator));
    }

    public Codecs register(ProtocolCodec codec) {
        codecs.put(codec.protocol(), codec);
        return this;
    }

    public ProtocolCodec forProtocol(Protocol protocol) {
        ProtocolCodec codec = codecs.get(protocol);
        if (codec == null) {
            throw new IllegalStateException("no codec for " + protocol);
        }
        return codec;
    }
}
