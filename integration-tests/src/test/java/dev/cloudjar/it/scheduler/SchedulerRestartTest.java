package dev.cloudjar.it.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.scheduler.SchedulerApi.JSON;
import static dev.cloudjar.it.scheduler.SchedulerApi.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With --data-dir, schedule groups (with their tags), schedules and their pending occurrences outlive a restart. */
class SchedulerRestartTest {

    @Test
    void groupsSchedulesAndTheirTimersOutliveARestart(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        String scheduleArn;
        try (CloudjarServer first = CloudjarServer.start(config); SqsClient sqs = Clients.sqs(URI.create(first.endpoint()))) {
            SchedulerApi api = new SchedulerApi(URI.create(first.endpoint()));
            String url = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            ObjectNode tags = JSON.createObjectNode();
            tags.putArray("Tags").addObject().put("Key", "team").put("Value", "ops");
            assertEquals(200, api.createGroup("kept-group", tags).status());
            ObjectNode d = definition("cron(0 6 * * ? *)", queueArn).put("GroupName", "kept-group").put("Description", "daily");
            ((ObjectNode) d.get("Target")).put("Input", "after the restart");
            scheduleArn = api.createSchedule("kept", d).body().path("ScheduleArn").asText();
            api.createSchedule("kept-paused", definition("rate(1 hour)", queueArn).put("State", "DISABLED"));
        }
        try (CloudjarServer second = CloudjarServer.start(config); SqsClient sqs = Clients.sqs(URI.create(second.endpoint()))) {
            SchedulerApi api = new SchedulerApi(URI.create(second.endpoint()));
            JsonNode kept = api.getSchedule("kept", "kept-group").body();
            assertEquals("cron(0 6 * * ? *)", kept.path("ScheduleExpression").asText());
            assertEquals("daily", kept.path("Description").asText());
            assertEquals("DISABLED", api.getSchedule("kept-paused", null).body().path("State").asText());
            String groupArn = "arn:aws:scheduler:us-east-1:000000000000:schedule-group/kept-group";
            assertEquals("ops", api.ok(SdkHttpMethod.GET, "/tags/" + SchedulerApi.label(groupArn), Map.of(), null)
                    .path("Tags").get(0).path("Value").asText());

            assertEquals(200, api.fire(scheduleArn), "its pending occurrence is still set");
            String url = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertFalse(messages.isEmpty(), "the target was invoked");
            assertEquals("after the restart", messages.get(0).body());
        }
    }
}
