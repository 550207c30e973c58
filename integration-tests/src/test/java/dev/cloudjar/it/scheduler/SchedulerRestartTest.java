package dev.cloudjar.it.scheduler;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static dev.cloudjar.it.scheduler.ScheduleFixtures.ROLE;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.fire;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With --data-dir, schedule groups (with their tags), schedules and their pending occurrences outlive a restart. */
class SchedulerRestartTest {

    @Test
    void groupsSchedulesAndTheirTimersOutliveARestart(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        String scheduleArn;
        try (CloudjarServer first = CloudjarServer.start(config); SqsClient sqs = Clients.sqs(URI.create(first.endpoint()));
             SchedulerClient scheduler = Clients.scheduler(URI.create(first.endpoint()))) {
            String url = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            scheduler.createScheduleGroup(b -> b.name("kept-group").tags(t -> t.key("team").value("ops")));
            scheduleArn = scheduler.createSchedule(schedule("kept", "cron(0 6 * * ? *)", queueArn).groupName("kept-group")
                    .description("daily").target(t -> t.arn(queueArn).roleArn(ROLE).input("after the restart")).build()).scheduleArn();
            scheduler.createSchedule(schedule("kept-paused", "rate(1 hour)", queueArn).state(ScheduleState.DISABLED).build());
        }
        try (CloudjarServer second = CloudjarServer.start(config); SqsClient sqs = Clients.sqs(URI.create(second.endpoint()));
             SchedulerClient scheduler = Clients.scheduler(URI.create(second.endpoint()))) {
            GetScheduleResponse kept = scheduler.getSchedule(b -> b.name("kept").groupName("kept-group"));
            assertEquals("cron(0 6 * * ? *)", kept.scheduleExpression());
            assertEquals("daily", kept.description());
            assertEquals(ScheduleState.DISABLED, scheduler.getSchedule(b -> b.name("kept-paused")).state());
            String groupArn = "arn:aws:scheduler:us-east-1:000000000000:schedule-group/kept-group";
            assertEquals(List.of(Tag.builder().key("team").value("ops").build()),
                    scheduler.listTagsForResource(b -> b.resourceArn(groupArn)).tags());

            assertEquals(200, fire(URI.create(second.endpoint()), scheduleArn), "its pending occurrence is still set");
            String url = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertFalse(messages.isEmpty(), "the target was invoked");
            assertEquals("after the restart", messages.get(0).body());
        }
    }
}
