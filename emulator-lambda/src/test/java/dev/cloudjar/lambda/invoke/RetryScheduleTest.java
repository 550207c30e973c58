package dev.cloudjar.lambda.invoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryScheduleTest {
    private final RetrySchedule lambda = new RetrySchedule(1);

    @Test
    void afterAFunctionErrorTheSecondAttemptWaitsOneMinuteAndTheThirdTwo() {
        assertEquals(Duration.ofMinutes(1), lambda.afterFunctionError(1));
        assertEquals(Duration.ofMinutes(2), lambda.afterFunctionError(2));
    }

    @Test
    void throttledEventsBackOffExponentiallyFromOneSecondUpToFiveMinutes() {
        List<Long> seconds = IntStream.range(0, 12).mapToObj(lambda::whileThrottled).map(Duration::toSeconds).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L), seconds);
        assertEquals(Duration.ofMinutes(5), lambda.whileThrottled(1000));
    }

    @Test
    void theScaleShrinksEveryDelayAndTheMaximumEventAge() {
        RetrySchedule fast = new RetrySchedule(0.001);
        assertEquals(Duration.ofMillis(60), fast.afterFunctionError(1));
        assertEquals(Duration.ofMillis(120), fast.afterFunctionError(2));
        assertEquals(Duration.ofMillis(300), fast.whileThrottled(20));
        assertEquals(Duration.ofMillis(21600), fast.maximumEventAge(21600));
    }
}
