package dev.cloudjar.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.cloudjar.it.s3.ToolsTest.aws;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The configuration reads infrastructure tools start with, through the AWS CLI's s3api commands. */
@Cloudjar
class S3ApiCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNewBucketAnswersDefaultEncryptionAndABlockedPublicAccess(URI endpoint) throws Exception {
        aws(endpoint, "s3api", "create-bucket", "--bucket", "cli-defaults");
        JsonNode encryption = JSON.readTree(aws(endpoint, "s3api", "get-bucket-encryption", "--bucket", "cli-defaults")
                .output());
        JsonNode rule = encryption.path("ServerSideEncryptionConfiguration").path("Rules").path(0);
        assertEquals("AES256", rule.path("ApplyServerSideEncryptionByDefault").path("SSEAlgorithm").asText());
        assertEquals(false, rule.path("BucketKeyEnabled").asBoolean(true));

        JsonNode block = JSON.readTree(aws(endpoint, "s3api", "get-public-access-block", "--bucket", "cli-defaults")
                .output()).path("PublicAccessBlockConfiguration");
        for (String setting : new String[]{"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
            assertEquals(true, block.path(setting).asBoolean(false), setting);
        }

        aws(endpoint, "s3api", "put-public-access-block", "--bucket", "cli-defaults", "--public-access-block-configuration",
                "BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=true,RestrictPublicBuckets=true");
        JsonNode changed = JSON.readTree(aws(endpoint, "s3api", "get-public-access-block", "--bucket", "cli-defaults")
                .output()).path("PublicAccessBlockConfiguration");
        assertEquals(false, changed.path("BlockPublicAcls").asBoolean(true));
        assertEquals(true, changed.path("BlockPublicPolicy").asBoolean(false));
    }
}
