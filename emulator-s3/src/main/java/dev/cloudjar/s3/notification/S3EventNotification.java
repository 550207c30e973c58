package dev.cloudjar.s3.notification;

import java.time.Instant;

/**
 * One S3 event for one configured destination, as published in-process on
 * {@code ServiceContext.events()} under the topic {@code "s3:" + category} (s3:ObjectCreated,
 * s3:ObjectRemoved). SQS, SNS and Lambda subscribe to deliver it to {@link #targetArn()}.
 *
 * @param eventName e.g. "ObjectCreated:Put", as in the Records[].eventName of S3's message
 */
public record S3EventNotification(String eventName, String accountId, String region, String bucket, String key,
                                  long size, String etag, String versionId, Instant eventTime,
                                  String configurationId, String targetArn) {

    public String topic() {
        return "s3:" + eventName.substring(0, eventName.indexOf(':'));
    }
}
