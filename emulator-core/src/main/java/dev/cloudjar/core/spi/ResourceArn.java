package dev.cloudjar.core.spi;

/**
 * How an operation names the resource it acts on, for IAM: {@code arn:aws:s3:::bucket/key},
 * {@code arn:aws:lambda:us-east-1:000000000000:function:name}. Read from the parsed input, so that
 * authorization sees the same bucket or function the handler will.
 */
@FunctionalInterface
public interface ResourceArn {
    String of(Scope scope, Input input);
}
