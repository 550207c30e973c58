package dev.cloudjar.sqs;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The descriptor agrees with the model the build slims from AWS's published SQS model, and that
 * JSON-protocol model also carries what the query protocol needs (xmlName, awsQueryError).
 */
class SqsDescriptorTest {
    private final ServiceDescriptor descriptor = new SqsService().descriptor();
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), descriptor.modelResource());
    private final ProtocolCodec query = Codecs.standard().forProtocol(Protocol.AWS_QUERY);

    @Test
    void theSlimModelIsSqsOverAwsJson10WithQueryCompatibleErrors() {
        assertEquals(Protocol.AWS_JSON_1_0, model.protocol());
        assertEquals(descriptor.signingName(), model.signingName());
        assertEquals(descriptor.targetPrefix(), model.serviceName());
        assertTrue(model.service().traits().has("aws.protocols#awsQueryCompatible"));
        assertTrue(descriptor.speaks(Protocol.AWS_QUERY));
    }

    @Test
    void aQueryFormReadsThroughTheJsonModelsXmlNames() {
        Request request = form("Action=CreateQueue&Version=2012-11-05&QueueName=orders"
                + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40&Tag.1.Key=team&Tag.1.Value=core");
        Input input = query.parse(model, query.route(model, request), request);
        assertEquals("orders", input.string("QueueName"));
        assertEquals(Map.of("VisibilityTimeout", "40"), input.map("Attributes"));
        assertEquals(Map.of("team", "core"), input.map("tags"));
    }

    @Test
    void aQueryErrorCarriesTheLegacyCodeAndStatus() {
        OperationModel getQueueUrl = model.operation("GetQueueUrl");
        var response = query.writeError(model, getQueueUrl,
                AwsException.client("QueueDoesNotExist", "The specified queue does not exist."), "r");
        assertEquals(400, response.status());
        String body = new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"), body);
    }

    @Test
    void receiveMessageNamesItsListItemsAsTheQueryProtocolDoes() {
        Request request = form("Action=ReceiveMessage&QueueUrl=http%3A%2F%2Flocalhost%2F1%2Fq"
                + "&AttributeName.1=All&MessageAttributeName.1=trace");
        Input input = query.parse(model, query.route(model, request), request);
        assertEquals(List.of("All"), input.list("AttributeNames"));
        assertEquals(List.of("trace"), input.list("MessageAttributeNames"));
    }

    private static Request form(String body) {
        return new Request("POST", "/", Headers.of("Content-Type", "application/x-www-form-urlencoded"),
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }
}
