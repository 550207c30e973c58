package dev.cloudjar.core.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArnTest {
    @Test
    void aRegionalArnGivesItsScopeAndServicePrincipal() {
        Arn arn = Arn.parse("arn:aws:sqs:eu-west-1:111122223333:orders");
        assertEquals(new Scope("111122223333", "eu-west-1"), arn.scope());
        assertEquals("sqs.amazonaws.com", arn.servicePrincipal());
        assertEquals("orders", arn.resource());
        assertEquals("arn:aws:sqs:eu-west-1:111122223333:orders", arn.toString());
    }

    @Test
    void theResourceKeepsItsColonsAndAGlobalArnHasEmptyParts() {
        Arn function = Arn.parse("arn:aws:lambda:us-east-1:000000000000:function:f:live");
        assertEquals("function:f:live", function.resource());
        Arn bucket = Arn.parse("arn:aws:s3:::my-bucket");
        assertEquals("", bucket.region());
        assertEquals("", bucket.account());
        assertEquals("my-bucket", bucket.resource());
    }

    @Test
    void whatIsNotAnArnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Arn.parse("https://sqs.us-east-1.amazonaws.com/0/q"));
        assertThrows(IllegalArgumentException.class, () -> Arn.parse("arn:aws:sqs"));
        assertThrows(IllegalArgumentException.class, () -> Arn.parse(null));
    }
}
