package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAccelerateStatus;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.Payer;
import software.amazon.awssdk.services.s3.model.RoutingRule;

import java.net.URI;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.s3.BucketAccessTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Static website, server access logging, Transfer Acceleration and request payment configurations. */
@Cloudjar
class BucketHostingTest {
    static S3Client s3;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = s3(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void aWebsiteConfigurationIsStoredAnsweredAndDeleted() {
        s3.createBucket(b -> b.bucket("website"));
        assertError("NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration",
                () -> s3.getBucketWebsite(b -> b.bucket("website")));
        s3.putBucketWebsite(b -> b.bucket("website").websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("index.html")).errorDocument(e -> e.key("error.html"))
                .routingRules(RoutingRule.builder().condition(c -> c.keyPrefixEquals("docs/"))
                        .redirect(r -> r.replaceKeyPrefixWith("documents/").httpRedirectCode("301")).build())));
        GetBucketWebsiteResponse website = s3.getBucketWebsite(b -> b.bucket("website"));
        assertEquals("index.html", website.indexDocument().suffix());
        assertEquals("error.html", website.errorDocument().key());
        assertEquals("docs/", website.routingRules().get(0).condition().keyPrefixEquals());
        assertEquals("documents/", website.routingRules().get(0).redirect().replaceKeyPrefixWith());
        assertEquals("301", website.routingRules().get(0).redirect().httpRedirectCode());

        s3.deleteBucketWebsite(b -> b.bucket("website"));
        assertError("NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration",
                () -> s3.getBucketWebsite(b -> b.bucket("website")));
    }

    @Test
    void aWebsiteRedirectingEverythingNeedsNoIndexDocument() {
        s3.createBucket(b -> b.bucket("website-redirect"));
        s3.putBucketWebsite(b -> b.bucket("website-redirect").websiteConfiguration(w -> w
                .redirectAllRequestsTo(r -> r.hostName("example.com").protocol("https"))));
        assertEquals("example.com", s3.getBucketWebsite(b -> b.bucket("website-redirect")).redirectAllRequestsTo().hostName());
        assertError("InvalidArgument", 400, "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
                () -> s3.putBucketWebsite(b -> b.bucket("website-redirect").websiteConfiguration(w -> w
                        .errorDocument(e -> e.key("error.html")))));
    }

    @Test
    void loggingIsOffUntilEnabledAndAnEmptyStatusTurnsItOff() {
        s3.createBucket(b -> b.bucket("logged"));
        s3.createBucket(b -> b.bucket("log-target"));
        assertNull(s3.getBucketLogging(b -> b.bucket("logged")).loggingEnabled());
        s3.putBucketLogging(b -> b.bucket("logged").bucketLoggingStatus(s -> s.loggingEnabled(l -> l
                .targetBucket("log-target").targetPrefix("logs/"))));
        LoggingEnabled enabled = s3.getBucketLogging(b -> b.bucket("logged")).loggingEnabled();
        assertEquals("log-target", enabled.targetBucket());
        assertEquals("logs/", enabled.targetPrefix());
        s3.putBucketLogging(b -> b.bucket("logged").bucketLoggingStatus(s -> { }));
        assertNull(s3.getBucketLogging(b -> b.bucket("logged")).loggingEnabled());
    }

    @Test
    void loggingToAMissingBucketIsRefused() {
        s3.createBucket(b -> b.bucket("logged-nowhere"));
        assertError("InvalidTargetBucketForLogging", 400, "The target bucket for logging does not exist",
                () -> s3.putBucketLogging(b -> b.bucket("logged-nowhere").bucketLoggingStatus(s -> s.loggingEnabled(l -> l
                        .targetBucket("no-such-log-target").targetPrefix("logs/")))));
    }

    @Test
    void accelerationHasNoStatusUntilConfigured() {
        s3.createBucket(b -> b.bucket("accelerated"));
        assertNull(s3.getBucketAccelerateConfiguration(b -> b.bucket("accelerated")).status());
        s3.putBucketAccelerateConfiguration(b -> b.bucket("accelerated")
                .accelerateConfiguration(a -> a.status(BucketAccelerateStatus.ENABLED)));
        assertEquals(BucketAccelerateStatus.ENABLED, s3.getBucketAccelerateConfiguration(b -> b.bucket("accelerated")).status());
        s3.putBucketAccelerateConfiguration(b -> b.bucket("accelerated")
                .accelerateConfiguration(a -> a.status(BucketAccelerateStatus.SUSPENDED)));
        assertEquals(BucketAccelerateStatus.SUSPENDED,
                s3.getBucketAccelerateConfiguration(b -> b.bucket("accelerated")).status());
    }

    @Test
    void accelerationIsRefusedForADottedBucketName() {
        s3.createBucket(b -> b.bucket("dotted.bucket"));
        assertError("InvalidRequest", 400,
                "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names",
                () -> s3.putBucketAccelerateConfiguration(b -> b.bucket("dotted.bucket")
                        .accelerateConfiguration(a -> a.status(BucketAccelerateStatus.ENABLED))));
    }

    @Test
    void theBucketOwnerPaysUntilRequesterPaysIsConfigured() {
        s3.createBucket(b -> b.bucket("payment"));
        assertEquals(Payer.BUCKET_OWNER, s3.getBucketRequestPayment(b -> b.bucket("payment")).payer());
        s3.putBucketRequestPayment(b -> b.bucket("payment").requestPaymentConfiguration(r -> r.payer(Payer.REQUESTER)));
        assertEquals(Payer.REQUESTER, s3.getBucketRequestPayment(b -> b.bucket("payment")).payer());
    }
}
