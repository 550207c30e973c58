package dev.cloudjar.core.spi;

import dev.cloudjar.core.model.Protocol;

import java.util.List;

/**
 * How the gateway recognises a service's requests before any model is loaded.
 *
 * @param name          the service's name in configuration, health and reset (e.g. "s3")
 * @param signingName   the SigV4 credential-scope service name (e.g. "s3", "cognito-idp")
 * @param protocol      the wire protocol of its model
 * @param modelResource the classpath resource of its slim model, loaded on first request
 * @param targetPrefix  for awsJson services, the X-Amz-Target prefix before '.' (else null)
 * @param pathPrefixes  URI path prefixes that identify unsigned requests (e.g. "/2015-03-31/")
 * @param fallback      true for the one service that takes what no other claims (S3, as on AWS)
 */
public record ServiceDescriptor(String name, String signingName, Protocol protocol,
                                String modelResource, String targetPrefix,
                                List<String> pathPrefixes, boolean fallback) {
}
