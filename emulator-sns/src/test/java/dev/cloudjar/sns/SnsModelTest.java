package dev.cloudjar.sns;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.protocol.xml.AwsQueryCodec;
import dev.cloudjar.core.spi.Input;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnsModelTest {
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), "dev/cloudjar/sns/sns.json");
    private final AwsQueryCodec codec = new AwsQueryCodec(new Validator());

    private static Request form(String body) {
        return new Request("POST", "/", Headers.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theModelIsAQueryServiceSignedAsSns() {
        assertEquals(Protocol.AWS_QUERY, model.protocol());
        assertEquals("sns", model.signingName());
        assertEquals("2010-03-31", model.version());
        assertEquals(17, model.operations().size());
    }

    @Test
    void publishReadsMessageAttributesByNameAndValue() {
        Request request = form("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At"
                + "&Message=hi&MessageAttributes.entry.1.Name=colour&MessageAttributes.entry.1.Value.DataType=String"
                + "&MessageAttributes.entry.1.Value.StringValue=blue");
        Input input = codec.parse(model, codec.route(model, request), request);
        assertEquals(Map.of("colour", Map.of("DataType", "String", "StringValue", "blue")), input.map("MessageAttributes"));
    }

    @Test
    void errorsCarrySnsCodesAndStatuses() {
        Response notFound = codec.writeError(model, model.operation("Publish"),
                new AwsException("NotFound", 404, "Topic does not exist"), "r");
        assertEquals(404, notFound.status());
        Response invalid = codec.writeError(model, model.operation("Publish"),
                AwsException.client("InvalidParameterValueException", "bad attribute"), "r");
        assertEquals(400, invalid.status());
        assertTrue(new String(((ResponseBody.Bytes) invalid.body()).bytes(), StandardCharsets.UTF_8)
                .contains("<Code>ParameterValueInvalid</Code>"));
    }
}
