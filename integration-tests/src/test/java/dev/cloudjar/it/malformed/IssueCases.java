package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * The requests issue #11 found answering 500 or never answering, and its other named cases, sent
 * by the generator beside its random ones so that a regression of any of them fails it too.
 */
final class IssueCases {
    private IssueCases() {
    }

    static List<Draft> drafts(Map<Protocol, List<Seed>> seeds) {
        List<Draft> drafts = new ArrayList<>();
        drafts.add(from(seeds, Protocol.REST_XML, "DeleteObjects", "DeleteObjects with an <Object> lacking <Key>", d ->
                d.body = ("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>gone-1</Key></Object>"
                        + "<Object><VersionId>v</VersionId></Object></Delete>").getBytes(StandardCharsets.UTF_8)));
        drafts.add(from(seeds, Protocol.REST_XML, "PutObjectTagging", "PutObjectTagging with an empty body", d ->
                d.body = new byte[0]));
        drafts.add(from(seeds, Protocol.AWS_JSON_1_1, "InitiateAuth", "USER_SRP_AUTH with a non-hex SRP_A", d ->
                d.body = new String(d.body, StandardCharsets.UTF_8).replaceFirst("\"SRP_A\":\"[0-9a-f]+\"", "\"SRP_A\":\"not-hex\"")
                        .replace("USER_PASSWORD_AUTH", "USER_SRP_AUTH").getBytes(StandardCharsets.UTF_8)));
        drafts.add(from(seeds, Protocol.AWS_JSON_1_0, "ListQueues", "SQS ListQueues with MaxResults=-1", d ->
                d.body = "{\"MaxResults\":-1}".getBytes(StandardCharsets.UTF_8)));
        drafts.add(from(seeds, Protocol.AWS_QUERY, "ListQueues", "SQS ListQueues (query) with MaxResults=-1", d ->
                d.body = "Action=ListQueues&Version=2012-11-05&MaxResults=-1".getBytes(StandardCharsets.UTF_8)));
        for (String[] override : new String[][]{{"response-content-type", "text/plain\r\nx: y"},
                {"response-content-disposition", "a\u0000b"}, {"response-expires", "x\ny"},
                {"response-cache-control", "\u0001"}, {"response-content-language", "\r"}}) {
            drafts.add(from(seeds, Protocol.REST_XML, "GetObject", override[0] + " with a control character", d ->
                    d.query.add(new Draft.Pair(override[0], override[1]))));
        }
        drafts.add(from(seeds, Protocol.AWS_JSON_1_0, "PutItem", "a DynamoDB number in Arabic-Indic digits", d ->
                d.body = new String(d.body, StandardCharsets.UTF_8).replace("\"-12.5e3\"", "\"\u0661\u0662\"")
                        .getBytes(StandardCharsets.UTF_8)));
        drafts.add(from(seeds, Protocol.AWS_JSON_1_0, "PutItem", "a DynamoDB number in full-width digits", d ->
                d.body = new String(d.body, StandardCharsets.UTF_8).replace("\"-12.5e3\"", "\"\uFF11\uFF12\"")
                        .getBytes(StandardCharsets.UTF_8)));
        // Modest inflation, past the default body limit, so an unbounded inflater shows without hurting the test JVM.
        drafts.add(from(seeds, Protocol.AWS_JSON_1_0, "ListTables", "a gzip body inflating past the body limit", d -> {
            d.body = gzip(21 * 1024 * 1024);
            d.setHeader("Content-Encoding", "gzip");
        }));
        drafts.add(from(seeds, Protocol.AWS_JSON_1_1, "InitiateAuth", "an unsigned gzip body to a public operation", d -> {
            d.body = gzip(21 * 1024 * 1024);
            d.setHeader("Content-Encoding", "gzip");
            d.signing = Draft.Signing.NONE;
        }));
        return drafts;
    }

    private static Draft from(Map<Protocol, List<Seed>> seeds, Protocol protocol, String operation, String what,
                              Consumer<Draft> change) {
        Seed seed = seeds.get(protocol).stream().filter(s -> s.operation().equals(operation)
                        && (!operation.equals("InitiateAuth") || new String(s.body(), StandardCharsets.UTF_8).contains("SRP_A")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no seed for " + protocol + " " + operation));
        Draft d = seed.draft();
        change.accept(d);
        d.note("issue #11: " + what);
        return d;
    }

    /** {"a": "   …"} of about the given size, gzipped: a small body that inflates to a large one. */
    private static byte[] gzip(int inflatedSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("{\"a\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < inflatedSize; written += spaces.length) {
                gz.write(spaces);
            }
            gz.write("\"}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
