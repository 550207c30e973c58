package dev.cloudjar.lambda.function;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Scope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FunctionRefTest {
    private final Scope scope = new Scope("123456789012", "eu-west-1");

    @Test
    void aNameAPartialArnAndAFullArnNameTheSameFunction() {
        FunctionRef byName = FunctionRef.parse("orders", scope);
        assertEquals(new FunctionRef("orders", null), byName);
        assertFalse(byName.isQualified());
        assertEquals(byName, FunctionRef.parse("123456789012:function:orders", scope));
        assertEquals(byName, FunctionRef.parse("arn:aws:lambda:eu-west-1:123456789012:function:orders", scope));
    }

    @Test
    void aQualifierComesFromTheNameOrTheQualifierParameter() {
        assertEquals(new FunctionRef("orders", "live"), FunctionRef.parse("orders:live", scope));
        assertEquals(new FunctionRef("orders", "3"), FunctionRef.parse("arn:aws:lambda:eu-west-1:123456789012:function:orders:3", scope));
        assertEquals(new FunctionRef("orders", "$LATEST"), FunctionRef.parse("orders", "$LATEST", scope));
        assertEquals(new FunctionRef("orders", "live"), FunctionRef.parse("orders:live", "live", scope));
        assertEquals("$LATEST", FunctionRef.parse("orders", scope).qualifierOrLatest());
    }

    @Test
    void theArnOfAReferenceKeepsItsQualifier() {
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:orders:live",
                FunctionRef.parse("orders:live", scope).arn(scope));
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:orders", FunctionRef.parse("orders", scope).arn(scope));
    }

    @Test
    void aQualifierThatDisagreesWithTheNamesIsInvalid() {
        AwsException e = assertThrows(AwsException.class, () -> FunctionRef.parse("orders:live", "3", scope));
        assertEquals("InvalidParameterValueException", e.code());
    }

    @Test
    void anArnOfAnotherAccountOrRegionNamesNoFunctionHere() {
        assertEquals("ResourceNotFoundException", assertThrows(AwsException.class,
                () -> FunctionRef.parse("arn:aws:lambda:eu-west-1:999999999999:function:orders", scope)).code());
        assertEquals("ResourceNotFoundException", assertThrows(AwsException.class,
                () -> FunctionRef.parse("arn:aws:lambda:us-east-1:123456789012:function:orders", scope)).code());
    }

    @Test
    void aMalformedNameIsInvalid() {
        assertEquals("InvalidParameterValueException",
                assertThrows(AwsException.class, () -> FunctionRef.parse("not a name", scope)).code());
    }
}
