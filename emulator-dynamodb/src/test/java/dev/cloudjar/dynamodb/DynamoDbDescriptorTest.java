package dev.cloudjar.dynamodb;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.spi.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The descriptor agrees with the model the build slims from AWS's published DynamoDB model. */
class DynamoDbDescriptorTest {
    private final ServiceDescriptor descriptor = new DynamoDbService().descriptor();
    private final ServiceModel model =
            ServiceModel.loadResource(getClass().getClassLoader(), descriptor.modelResource());

    @Test
    void theSlimModelIsDynamoDbOverAwsJson10() {
        assertEquals(Protocol.AWS_JSON_1_0, model.protocol());
        assertEquals(descriptor.protocol(), model.protocol());
        assertEquals(descriptor.signingName(), model.signingName());
        assertEquals(descriptor.targetPrefix(), model.serviceName());
        assertEquals("2012-08-10", model.version());
    }

    @Test
    void theSlimModelKeepsTheConstraintsDynamoDbValidates() {
        var tableName = model.operation("PutItem").input().member("TableName");
        assertNotNull(tableName);
        assertEquals(true, tableName.isRequired());
        assertEquals(1, tableName.target().traits().get("length").path("min").asInt());
        assertNotNull(model.operation("TransactWriteItems"));
    }
}
