package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.core.protocol.xml.TestModels.body;
import static dev.cloudjar.core.protocol.xml.TestModels.form;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AwsQueryCodecTest {
    private final ServiceModel model = TestModels.load("query-service.json");
    private final AwsQueryCodec codec = new AwsQueryCodec(new Validator());
    private final OperationRoute describe = OperationRoute.of(model.operation("DescribeThings"));

    private Input parse(String body) {
        return codec.parse(model, describe, form("Action=DescribeThings&Version=2020-01-08&Name=n&" + body));
    }

    @Test
    void actionNamesTheOperation() {
        assertEquals("DescribeThings", codec.route(model, form("Action=DescribeThings&Version=2020-01-08")).operation().name());
    }

    @Test
    void actionMayComeInTheQueryStringOfAGet() {
        Request request = new Request("GET", "/?Action=Ping&Version=2020-01-08", new Headers(),
                RequestBody.EMPTY);
        assertEquals("Ping", codec.route(model, request).operation().name());
    }

    @Test
    void unknownActionFailsWithInvalidAction() {
        AwsException e = assertThrows(AwsException.class,
                () -> codec.route(model, form("Action=Nope&Version=2020-01-08")));
        assertEquals("InvalidAction", e.code());
        assertEquals(400, e.status());
        assertEquals("Could not find operation Nope for version 2020-01-08", e.getMessage());
    }

    @Test
    void missingActionFailsWithMissingAction() {
        AwsException e = assertThrows(AwsException.class, () -> codec.route(model, form("Version=2020-01-08")));
        assertEquals("MissingAction", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void scalarsAreTypedByTheModel() {
        Input input = codec.parse(model, describe, form("Action=DescribeThings&Name=a+b%2Fc&Count=3&Size=12345678901&Ratio=0.5&Enabled=true"
                + "&Since=2015-01-25T08%3A00%3A00Z&Until=1422172800.5&Data=dmFsdWU%3D"));
        assertEquals("a b/c", input.string("Name"));
        assertEquals(3, input.get("Count"));
        assertEquals(12345678901L, input.get("Size"));
        assertEquals(0.5, input.get("Ratio"));
        assertEquals(true, input.get("Enabled"));
        assertEquals(Instant.parse("2015-01-25T08:00:00Z"), input.timestamp("Since"));
        assertEquals(Instant.parse("2015-01-25T08:00:00.500Z"), input.timestamp("Until"));
        assertArrayEquals("value".getBytes(), input.blob("Data"));
    }

    @Test
    void listsOfStructuresUseMemberIndices() {
        Input input = parse("Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=x");
        assertEquals(List.of(Map.of("Key", "a", "Value", "x"), Map.of("Key", "b")), input.list("Tags"));
    }

    @Test
    void flattenedListsUseTheirXmlNameAndNoMemberSegment() {
        assertEquals(List.of("i-1", "i-2"), parse("Id.1=i-1&Id.2=i-2").list("Ids"));
    }

    @Test
    void anEmptyValueIsAnEmptyList() {
        assertEquals(List.of(), parse("Tags=").list("Tags"));
    }

    @Test
    void mapsUseEntryKeyAndValue() {
        Input input = parse("Attributes.entry.1.key=Policy&Attributes.entry.1.value=%7B%7D"
                + "&Attributes.entry.2.key=DelaySeconds&Attributes.entry.2.value=5");
        assertEquals(Map.of("Policy", "{}", "DelaySeconds", "5"), input.map("Attributes"));
    }

    @Test
    void aMapEntryWithoutAValueIsAValidationError() {
        AwsException e = assertThrows(AwsException.class, () -> parse("Attributes.entry.1.key=Policy"));
        assertEquals("ValidationError", e.code());
        assertEquals(400, e.status());
        assertEquals("map entry Attributes.entry.1 has no value", e.getMessage());
    }

    @Test
    void flattenedMapsUseTheirXmlNamesAndNestedLists() {
        Input input = parse("Label.1.Name=env&Label.1.Values.member.1=prod&Label.1.Values.member.2=dev");
        assertEquals(Map.of("env", List.of("prod", "dev")), input.map("Labels"));
    }

    @Test
    void nestedStructuresUseDottedNames() {
        Input input = parse("Filter.Prefix=a&Filter.Inner.Prefix=b");
        assertEquals(Map.of("Prefix", "a", "Inner", Map.of("Prefix", "b")), input.map("Filter"));
    }

    @Test
    void aValueOfTheWrongTypeIsAValidationError() {
        AwsException e = assertThrows(AwsException.class, () -> parse("Name=n&Count=abc"));
        assertEquals("ValidationError", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void aMissingRequiredMemberIsAValidationErrorInAwsWords() {
        AwsException e = assertThrows(AwsException.class,
                () -> codec.parse(model, describe, form("Action=DescribeThings&Version=2020-01-08")));
        assertEquals("ValidationError", e.code());
        assertEquals("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                + "Member must not be null", e.getMessage());
    }

    @Test
    void outputIsWrappedInResponseAndResult() {
        Output output = new Output()
                .put("Things", List.of(Map.of("Name", "t1", "Tags", List.of(Map.of("Key", "k", "Value", "v")))))
                .put("Ids", List.of("i-1", "i-2"))
                .put("Attributes", Map.of("a", "1"))
                .put("Created", Instant.parse("2011-07-15T23:28:33.359Z"))
                .put("Truncated", false)
                .put("Ratio", 10.8f);
        Response response = codec.write(model, describe.operation(), output, "req-1");
        assertEquals(200, response.status());
        assertEquals("text/xml", response.headers().first("Content-Type"));
        assertEquals("<DescribeThingsResponse xmlns=\"https://things.example.com/doc/2020-01-08/\">"
                + "<DescribeThingsResult>"
                + "<Things><Thing><Name>t1</Name><Tags><member><Key>k</Key><Value>v</Value></member></Tags></Thing></Things>"
                + "<Id>i-1</Id><Id>i-2</Id>"
                + "<Attributes><entry><key>a</key><value>1</value></entry></Attributes>"
                + "<Created>2011-07-15T23:28:33.359Z</Created>"
                + "<Truncated>false</Truncated>"
                + "<Ratio>10.8</Ratio>"
                + "</DescribeThingsResult>"
                + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                + "</DescribeThingsResponse>", body(response));
    }

    @Test
    void unitOutputHasNoResultElement() {
        Response response = codec.write(model, model.operation("Ping"), Output.empty(), "req-2");
        assertEquals("<PingResponse xmlns=\"https://things.example.com/doc/2020-01-08/\">"
                + "<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></PingResponse>", body(response));
    }

    @Test
    void errorsUseTheAwsQueryErrorCodeAndStatus() {
        AwsException error = new AwsException("ThingNotFound", 400, "No thing <x>").with("ThingName", "x");
        Response response = codec.writeError(model, describe.operation(), error, "req-3");
        assertEquals(404, response.status());
        assertEquals("<ErrorResponse xmlns=\"https://things.example.com/doc/2020-01-08/\"><Error><Type>Sender</Type>"
                + "<Code>Thing.NotFound</Code><Message>No thing &lt;x&gt;</Message><ThingName>x</ThingName></Error>"
                + "<RequestId>req-3</RequestId></ErrorResponse>", body(response));
    }

    @Test
    void errorsTakeTheirStatusFromHttpError() {
        Response response = codec.writeError(model, describe.operation(), AwsException.client("TooManyThings", "slow down"), "r");
        assertEquals(429, response.status());
    }

    @Test
    void undeclaredServerErrorsAreReceiverFaults() {
        Response response = codec.writeError(model, null, new AwsException("InternalFailure", 500, "boom"), "r");
        assertEquals(500, response.status());
        assertEquals("<ErrorResponse xmlns=\"https://things.example.com/doc/2020-01-08/\"><Error><Type>Receiver</Type>"
                + "<Code>InternalFailure</Code><Message>boom</Message></Error><RequestId>r</RequestId></ErrorResponse>",
                body(response));
    }
}
