package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.cbor.RpcV2CborCodec;
import dev.cloudjar.core.protocol.json.AwsJsonCodec;
import dev.cloudjar.core.protocol.json.RestJsonCodec;
import dev.cloudjar.core.protocol.xml.AwsQueryCodec;
import dev.cloudjar.core.protocol.xml.RestXmlCodec;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The codec of each protocol. Codecs are stateless, so one instance serves every service. */
public final class Codecs {
    private final Map<Protocol, Supplier<ProtocolCodec>> factories = new EnumMap<>(Protocol.class);
    private final Map<Protocol, ProtocolCodec> codecs = new ConcurrentHashMap<>();
    private final Validator validator;

    public Codecs() {
        this(new Validator());
    }

    private Codecs(Validator validator) {
        this.validator = validator;
    }

    /**
     * Every protocol Cloudjar speaks. A service's departures from its protocol's error conventions
     * come with its model ({@link dev.cloudjar.core.model.ErrorConventions}), not from here.
     */
    public static Codecs standard() {
        Validator validator = new Validator();
        return new Codecs(validator)
                .register(Protocol.AWS_JSON_1_0, () -> new AwsJsonCodec(Protocol.AWS_JSON_1_0, validator))
                .register(Protocol.AWS_JSON_1_1, () -> new AwsJsonCodec(Protocol.AWS_JSON_1_1, validator))
                .register(Protocol.REST_JSON_1, () -> new RestJsonCodec(validator))
                .register(Protocol.AWS_QUERY, () -> new AwsQueryCodec(validator))
                .register(Protocol.REST_XML, () -> new RestXmlCodec(validator))
                .register(Protocol.RPC_V2_CBOR, () -> new RpcV2CborCodec(validator));
    }

    public Codecs register(ProtocolCodec codec) {
        return register(codec.protocol(), () -> codec);
    }

    /**
     * Registers a codec built on first use: building the JSON and XML machinery costs a good
     * share of startup, and most runs use only some protocols.
     */
    public Codecs register(Protocol protocol, Supplier<ProtocolCodec> factory) {
        factories.put(protocol, factory);
        return this;
    }

    /** The validator the codecs check inputs with, for calls that arrive without a codec (internal calls). */
    public Validator validator() {
        return validator;
    }

    public ProtocolCodec forProtocol(Protocol protocol) {
        return codecs.computeIfAbsent(protocol, p -> {
            Supplier<ProtocolCodec> factory = factories.get(p);
            if (factory == null) {
                throw new IllegalStateException("no codec for " + p);
            }
            return factory.get();
        });
    }
}
