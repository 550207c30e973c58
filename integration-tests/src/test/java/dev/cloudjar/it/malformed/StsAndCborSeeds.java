package dev.cloudjar.it.malformed;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.cloudjar.core.model.Protocol;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * STS (awsQuery, through the SDK), and rpcv2Cbor. No service Cloudjar emulates speaks rpcv2Cbor
 * yet, so its seeds go to the test service that answers it as CloudWatch does
 * ({@code dev.cloudjar.it.fixtures.TestJsonService}).
 */
final class StsAndCborSeeds {
    private static final CBORMapper CBOR = new CBORMapper();

    private StsAndCborSeeds() {
    }

    static List<Seed> sts(SdkCapture capture) {
        StsClient sts = capture.client(StsClient.builder());
        return capture.capture(sts, Protocol.AWS_QUERY, "sts",
                c -> c.getCallerIdentity(b -> { }),
                c -> c.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/gen").roleSessionName("gen")
                        .durationSeconds(900).externalId("ext")
                        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")
                        .tags(t -> t.key("team").value("blue")).transitiveTagKeys("team")),
                c -> c.assumeRoleWithWebIdentity(b -> b.roleArn("arn:aws:iam::123456789012:role/web")
                        .roleSessionName("web").webIdentityToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").durationSeconds(3600)),
                c -> c.getSessionToken(b -> b.durationSeconds(900)));
    }

    static List<Seed> cbor() {
        return List.of(cbor("Echo", Map.of("Message", "hi")), cbor("Echo", Map.of("Message", "")),
                cbor("Unimplemented", Map.of()));
    }

    private static Seed cbor(String operation, Map<String, Object> input) {
        try {
            return new Seed(operation, Protocol.RPC_V2_CBOR, "testjson", "POST",
                    "/service/TestJson_20250101/operation/" + operation, List.of(),
                    List.of(new Draft.Pair("smithy-protocol", "rpc-v2-cbor"), new Draft.Pair("Content-Type", "application/cbor"),
                            new Draft.Pair("Accept", "application/cbor")),
                    CBOR.writeValueAsBytes(input));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
