package dev.cloudjar.core.spi;

import java.util.Map;

/**
 * What a delivery's producer adds to the message its dead-letter target receives: the services
 * say why in their own words (EventBridge's RULE_ARN, ERROR_CODE, EXHAUSTED_RETRY_CONDITION...),
 * so core hands over the facts and the producer names them. Registered with
 * {@link Deliveries#registerAnnotator} under the name a {@link Delivery#deadLetterAnnotator()} gives.
 */
@FunctionalInterface
public interface DeadLetterAnnotator {
    /** SQS's form, name → {DataType, StringValue}; added to the delivery's own message attributes. */
    Map<String, Map<String, String>> attributes(Delivery delivery, GivenUp givenUp);
}
