package dev.cloudjar.core.spi;

import dev.cloudjar.core.error.AwsException;

/**
 * Runs any registered operation of any service in process: the way one service reaches another
 * (S3 checking that a notification's queue exists, an adapter sending a delivery), with the AWS
 * API as the contract instead of the other module's classes. The call goes through the target's
 * operation table and input validation as a request from outside does, without HTTP and
 * without re-signing.
 */
public interface AwsCalls {
    /**
     * @param service   the target's service name as registered ({@code "sqs"}, {@code "lambda"})
     * @param operation the operation's AWS name ({@code "SendMessage"})
     * @throws AwsException as the operation answers it to an outside caller, or the gateway's
     *                      {@code UnknownOperationException} for a service or operation Cloudjar does not emulate
     */
    Output call(CallContext context, String service, String operation, Input input);
}
