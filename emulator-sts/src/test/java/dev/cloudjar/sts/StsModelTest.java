package dev.cloudjar.sts;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.protocol.xml.AwsQueryCodec;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StsModelTest {
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), "dev/cloudjar/sts/sts.json");
    private final AwsQueryCodec codec = new AwsQueryCodec(new Validator());

    private static Request form(String body) {
        return new Request("POST", "/", Headers.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theModelIsAQueryServiceSignedAsSts() {
        assertEquals(Protocol.AWS_QUERY, model.protocol());
        assertEquals("sts", model.signingName());
        assertEquals("2011-06-15", model.version());
        assertEquals(Set.of("AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity", "GetSessionToken"),
                model.operations().keySet());
    }

    @Test
    void getCallerIdentityRoundTripsAsStsAnswersIt() {
        Request request = form("Action=GetCallerIdentity&Version=2011-06-15");
        OperationRoute route = codec.route(model, request);
        OperationModel operation = route.operation();
        assertEquals("GetCallerIdentity", operation.name());
        assertEquals(Input.empty().members(), codec.parse(model, route, request).members());

        Output output = new Output().put("UserId", "AKIAI44QH8DHBEXAMPLE").put("Account", "123456789012")
                .put("Arn", "arn:aws:iam::123456789012:user/Alice");
        Response response = codec.write(model, operation, output, "01234567-89ab-cdef-0123-456789abcdef");

        assertEquals(200, response.status());
        assertEquals("text/xml", response.headers().first("Content-Type"));
        assertEquals("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult>"
                + "<Arn>arn:aws:iam::123456789012:user/Alice</Arn>"
                + "<UserId>AKIAI44QH8DHBEXAMPLE</UserId>"
                + "<Account>123456789012</Account>"
                + "</GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>",
                new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void assumeRoleValidatesAsStsDoes() {
        Request request = form("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
                + "&RoleSessionName=a&DurationSeconds=60");
        AwsException e = assertThrows(AwsException.class,
                () -> codec.parse(model, codec.route(model, request), request));
        assertEquals("ValidationError", e.code());
        assertTrue(e.getMessage().startsWith("2 validation errors detected: "), e.getMessage());
        assertTrue(e.getMessage().contains("'roleSessionName'"), e.getMessage());
        assertTrue(e.getMessage().contains("'durationSeconds'"), e.getMessage());
    }

    @Test
    void assumeRoleReadsTagsAndPolicyArns() {
        Request request = form("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
                + "&RoleSessionName=session&Tags.member.1.Key=team&Tags.member.1.Value=core"
                + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&DurationSeconds=3600");
        Input input = codec.parse(model, codec.route(model, request), request);
        assertEquals(3600, input.integer("DurationSeconds"));
        assertEquals(List.of(Map.of("Key", "team", "Value", "core")), input.list("Tags"));
        assertEquals(List.of(Map.of("arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")),
                input.list("PolicyArns"));
    }

    @Test
    void errorsCarryStsCodesAndStatuses() {
        OperationModel assumeRole = model.operation("AssumeRole");
        Response response = codec.writeError(model, assumeRole,
                AwsException.client("MalformedPolicyDocumentException", "bad policy"), "r");
        assertEquals(400, response.status());
        assertTrue(new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8)
                .contains("<Code>MalformedPolicyDocument</Code>"));
        assertEquals(403, codec.writeError(model, assumeRole,
                AwsException.client("RegionDisabledException", "disabled"), "r").status());
    }
}
