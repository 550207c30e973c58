package dev.cloudjar.it.scheduler;

import dev.cloudjar.it.fixtures.RawHttp;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the Scheduler tests share: a schedule's minimal definition, SDK error checks, and the fire admin endpoint. */
final class ScheduleFixtures {
    static final String ROLE = "arn:aws:iam::000000000000:role/scheduler-role";

    private ScheduleFixtures() {
    }

    /** A definition: expression, a target with the test role, FlexibleTimeWindow OFF. */
    static CreateScheduleRequest.Builder schedule(String name, String expression, String targetArn) {
        return CreateScheduleRequest.builder().name(name).scheduleExpression(expression)
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(targetArn).roleArn(ROLE));
    }

    /** The call fails with the SDK's exception of that type, that HTTP status and that error code; the exception. */
    static <E extends SchedulerException> E fails(Class<E> type, int status, String code, Executable call) {
        E e = assertThrows(type, call);
        assertEquals(status, e.statusCode(), e::toString);
        assertEquals(code, e.awsErrorDetails().errorCode(), e::toString);
        return e;
    }

    /** The error's message as the SDK read it. */
    static String message(SchedulerException e) {
        return e.awsErrorDetails().errorMessage();
    }

    /** Whether GetSchedule finds the schedule in the default group (false on ResourceNotFoundException). */
    static boolean exists(SchedulerClient scheduler, String name) {
        try {
            scheduler.getSchedule(b -> b.name(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Polls until the schedule is gone from the default group (deleted after its last occurrence), at most ~10 s. */
    static void assertDeletedSoon(SchedulerClient scheduler, String name) {
        for (int i = 0; i < 100 && exists(scheduler, name); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException", () -> scheduler.getSchedule(b -> b.name(name)));
    }

    /** {@code POST /_cloudjar/schedules/fire}: runs the schedule's pending occurrence now; the status. */
    static int fire(URI endpoint, String scheduleArn) {
        String body = "{\"arn\":\"" + scheduleArn + "\"}";
        String request = "POST /_cloudjar/schedules/fire HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
        try (RawHttp http = new RawHttp(endpoint)) {
            return http.send(request).read().status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
