package com.example.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Where and as whom the AWS clients connect. In production only {@code aws.region} is set and the SDK's default
 * credentials apply; against a local emulator {@code aws.endpoint} and static keys are set too.
 */
@ConfigurationProperties("aws")
public record AwsProperties(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
}
