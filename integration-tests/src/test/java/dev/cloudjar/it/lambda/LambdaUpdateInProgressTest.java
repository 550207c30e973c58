package dev.cloudjar.it.lambda;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.MovableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

import java.net.URI;
import java.time.Duration;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With --lambda-update-seconds an update stays InProgress for that long, as Lambda's do, on a
 * server whose clock the test moves: GetFunctionConfiguration shows it and other changes conflict.
 */
class LambdaUpdateInProgressTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    @Test
    void anUpdateIsInProgressUntilItsTimeHasPassedAndOtherChangesConflictMeanwhile() {
        MovableClock clock = new MovableClock();
        CloudjarConfig config = CloudjarConfig.builder().port(0).option("lambda-update-seconds", "5").build();
        try (CloudjarServer server = CloudjarServer.start(config, clock);
             LambdaClient lambda = Clients.lambda(URI.create(server.endpoint()))) {
            lambda.createFunction(b -> b.functionName("slow").runtime("nodejs20.x").handler("index.handler").role(ROLE)
                    .code(c -> c.zipFile(FunctionPackages.file("index.js", "exports.handler = async () => 1;\n"))));
            lambda.updateFunctionConfiguration(b -> b.functionName("slow").timeout(10));

            var updating = lambda.getFunctionConfiguration(b -> b.functionName("slow"));
            assertEquals(LastUpdateStatus.IN_PROGRESS, updating.lastUpdateStatus());
            assertEquals("Creating", updating.lastUpdateStatusReasonCodeAsString());
            String message = "The operation cannot be performed at this time. An update is in progress for resource: "
                    + "arn:aws:lambda:us-east-1:000000000000:function:slow";
            fails(ResourceConflictException.class, "ResourceConflictException", 409, message,
                    () -> lambda.updateFunctionConfiguration(b -> b.functionName("slow").timeout(20)));
            fails(ResourceConflictException.class, "ResourceConflictException", 409, message,
                    () -> lambda.publishVersion(b -> b.functionName("slow")));

            clock.shiftTo(Duration.ofSeconds(6));

            assertEquals(LastUpdateStatus.SUCCESSFUL,
                    lambda.getFunctionConfiguration(b -> b.functionName("slow")).lastUpdateStatus());
            assertEquals(20, lambda.updateFunctionConfiguration(b -> b.functionName("slow").timeout(20)).timeout());
        }
    }
}
