package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Protocol;

import java.util.EnumMap;
import java.util.Map;

/** The codec of each protocol. Codecs are stateless, so one instance serves every service. */
public final class Codecs {
    private final Map<Protocol, ProtocolCodec> codecs = new EnumMap<>(Protocol.class);

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
