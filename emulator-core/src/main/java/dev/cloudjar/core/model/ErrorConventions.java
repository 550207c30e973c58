package dev.cloudjar.core.model;

/**
 * How a service names its errors where it departs from its protocol's defaults; a service
 * declares them in its descriptor and they travel with its model to the codecs.
 *
 * @param jsonErrorTypePrefix what precedes the error name in awsJson's {@code __type} where the
 *                            service does not send the protocol's default (awsJson1_0: the shape's
 *                            namespace; awsJson1_1: nothing), e.g. DynamoDB's
 *                            {@code com.amazonaws.dynamodb.v20120810#}; null for the default
 * @param validationErrorCode the code input constraint violations are reported under, e.g.
 *                            Cognito's {@code InvalidParameterException}; null for ValidationException
 */
public record ErrorConventions(String jsonErrorTypePrefix, String validationErrorCode) {
    public static final ErrorConventions DEFAULT = new ErrorConventions(null, null);
}
