package dev.cloudjar.it.scheduler;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import static dev.cloudjar.it.scheduler.ScheduleFixtures.ROLE;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.assertDeletedSoon;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Schedules on the schedules' clock, started at 2030-01-01T00:00:00Z and moved by the test
 * ({@code POST /_cloudjar/clock}): a cron schedule in a time zone, and a rate schedule that reaches
 * its EndDate and deletes itself.
 */
@Cloudjar(options = "clock=2030-01-01T00:00:00Z")
class SchedulerClockTest {

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }


    private static String next(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
        assertFalse(messages.isEmpty(), "a message arrived");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0).body();
    }

    private static void moveClockTo(URI endpoint, String time) throws IOException {
        String body = "{\"time\":\"" + time + "\"}";
        try (RawHttp http = new RawHttp(endpoint)) {
            int status = http.send("POST /_cloudjar/clock HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).read().status();
            assertEquals(200, status);
        }
    }

    /**
     * "Schedule types": a cron expression is read in the ScheduleExpressionTimezone — 9:00 in New York
     * is 14:00 UTC in winter — and the scheduled-time context attribute is the occurrence's time.
     * Then a rate schedule counts from its creation, runs until its EndDate, and with
     * ActionAfterCompletion DELETE is deleted after its last occurrence.
     */
    @Test
    void schedulesRunOnTheMovedClock(URI endpoint) throws IOException {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String morning = queue(sqs, "morning");
            String morningArn = Queues.arn(sqs, morning);
            scheduler.createSchedule(schedule("new-york-mornings", "cron(0 9 * * ? *)", morningArn)
                    .scheduleExpressionTimezone("America/New_York")
                    .target(t -> t.arn(morningArn).roleArn(ROLE).input("<aws.scheduler.scheduled-time>")).build());

            String hourly = queue(sqs, "hourly");
            String hourlyArn = Queues.arn(sqs, hourly);
            scheduler.createSchedule(schedule("until-half-past-one", "rate(1 hour)", hourlyArn)
                    .endDate(Instant.parse("2030-01-01T01:30:00Z")).actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(hourlyArn).roleArn(ROLE).input("<aws.scheduler.scheduled-time>")).build());

            moveClockTo(endpoint, "2030-01-01T01:00:30Z");
            assertEquals("2030-01-01T01:00:00Z", next(sqs, hourly));
            assertDeletedSoon(scheduler, "until-half-past-one"); // no occurrence left before its EndDate: deleted

            moveClockTo(endpoint, "2030-01-01T14:00:30Z");
            assertEquals("2030-01-01T14:00:00Z", next(sqs, morning));
            moveClockTo(endpoint, "2030-01-02T14:00:30Z");
            assertEquals("2030-01-02T14:00:00Z", next(sqs, morning));
        }
    }
}
