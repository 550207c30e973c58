package dev.cloudjar.it.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.scheduler.SchedulerApi.JSON;
import static dev.cloudjar.it.scheduler.SchedulerApi.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedules and schedule groups: every operation and its errors, over signed restJson1 requests. */
@Cloudjar
class SchedulerSchedulesTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:unused";

    /**
     * GetSchedule as recorded from AWS (LocalStack's AWS-validated snapshots): the defaults are filled in —
     * GroupName default, ScheduleExpressionTimezone UTC, State ENABLED, ActionAfterCompletion NONE and a
     * target RetryPolicy of 86400 seconds and 185 attempts.
     */
    @Test
    void createdScheduleIsAnsweredWithScheduleDefaults(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        SchedulerApi.Reply created = api.createSchedule("defaults", definition("rate(5 minutes)", QUEUE));
        assertEquals(200, created.status(), created.toString());
        String arn = created.body().path("ScheduleArn").asText();
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/defaults", arn);

        JsonNode got = api.getSchedule("defaults", null).body();
        assertEquals(arn, got.path("Arn").asText());
        assertEquals("defaults", got.path("Name").asText());
        assertEquals("default", got.path("GroupName").asText());
        assertEquals("rate(5 minutes)", got.path("ScheduleExpression").asText());
        assertEquals("UTC", got.path("ScheduleExpressionTimezone").asText());
        assertEquals("ENABLED", got.path("State").asText());
        assertEquals("NONE", got.path("ActionAfterCompletion").asText());
        assertEquals("OFF", got.path("FlexibleTimeWindow").path("Mode").asText());
        assertEquals(QUEUE, got.path("Target").path("Arn").asText());
        assertEquals(SchedulerApi.ROLE, got.path("Target").path("RoleArn").asText());
        assertEquals(86400, got.path("Target").path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt());
        assertEquals(185, got.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt());
        assertTrue(got.path("CreationDate").isNumber(), "restJson1 timestamps are epoch seconds");
        assertTrue(got.path("LastModificationDate").isNumber());
    }

    /** CreateSchedule API reference: every member stored and answered back by GetSchedule. */
    @Test
    void everyMemberOfTheDefinitionIsKept(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        api.createGroup("members", null);
        ObjectNode d = definition("cron(0 8 ? * MON-FRI *)", "arn:aws:sqs:us-east-1:000000000000:jobs.fifo");
        d.put("GroupName", "members").put("ScheduleExpressionTimezone", "Europe/Paris").put("Description", "weekday mornings")
                .put("State", "DISABLED").put("StartDate", 1_900_000_000).put("EndDate", 1_900_086_400)
                .put("KmsKeyArn", "arn:aws:kms:us-east-1:000000000000:key/abc-123").put("ActionAfterCompletion", "DELETE");
        d.putObject("FlexibleTimeWindow").put("Mode", "FLEXIBLE").put("MaximumWindowInMinutes", 15);
        ObjectNode target = (ObjectNode) d.get("Target");
        target.put("Input", "{\"job\":\"report\"}");
        target.putObject("RetryPolicy").put("MaximumRetryAttempts", 3);
        target.putObject("DeadLetterConfig").put("Arn", "arn:aws:sqs:us-east-1:000000000000:dlq");
        target.putObject("SqsParameters").put("MessageGroupId", "reports");
        assertEquals(200, api.createSchedule("all-members", d).status());

        JsonNode got = api.getSchedule("all-members", "members").body();
        assertEquals("members", got.path("GroupName").asText());
        assertEquals("Europe/Paris", got.path("ScheduleExpressionTimezone").asText());
        assertEquals("weekday mornings", got.path("Description").asText());
        assertEquals("DISABLED", got.path("State").asText());
        assertEquals(1_900_000_000L, got.path("StartDate").asLong());
        assertEquals(1_900_086_400L, got.path("EndDate").asLong());
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/abc-123", got.path("KmsKeyArn").asText());
        assertEquals("DELETE", got.path("ActionAfterCompletion").asText());
        assertEquals(15, got.path("FlexibleTimeWindow").path("MaximumWindowInMinutes").asInt());
        assertEquals("{\"job\":\"report\"}", got.path("Target").path("Input").asText());
        assertEquals(3, got.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt());
        assertEquals(86400, got.path("Target").path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt(),
                "a member the RetryPolicy leaves out keeps its default");
        assertEquals("arn:aws:sqs:us-east-1:000000000000:dlq", got.path("Target").path("DeadLetterConfig").path("Arn").asText());
        assertEquals("reports", got.path("Target").path("SqsParameters").path("MessageGroupId").asText());
        assertEquals(404, api.getSchedule("all-members", null).status(), "it lives in its group, not in default");
    }

    /** UpdateSchedule API reference: "all fields ... are replaced": what the update leaves out goes back to its default. */
    @Test
    void updateReplacesTheWholeDefinition(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        ObjectNode first = definition("rate(1 hour)", QUEUE);
        first.put("Description", "first").put("State", "DISABLED");
        api.createSchedule("replaced", first);
        long created = api.getSchedule("replaced", null).body().path("CreationDate").asLong();

        SchedulerApi.Reply updated = api.updateSchedule("replaced", definition("rate(2 minute)", QUEUE));
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/replaced", updated.body().path("ScheduleArn").asText());
        JsonNode got = api.getSchedule("replaced", null).body();
        // rate(2 minute): AWS accepts the singular unit for 2 (recorded by LocalStack's AWS-validated update test).
        assertEquals("rate(2 minute)", got.path("ScheduleExpression").asText());
        assertFalse(got.has("Description"));
        assertEquals("ENABLED", got.path("State").asText());
        assertEquals(created, got.path("CreationDate").asLong());
    }

    /** ResourceNotFoundException, worded as Scheduler answers it: "Schedule <name> does not exist." */
    @Test
    void missingScheduleIsResourceNotFound(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        for (SchedulerApi.Reply reply : List.of(api.getSchedule("nowhere", null), api.deleteSchedule("nowhere", null),
                api.updateSchedule("nowhere", definition("rate(1 hour)", QUEUE)))) {
            assertEquals(404, reply.status());
            assertEquals("ResourceNotFoundException", reply.errorType());
            assertEquals("Schedule nowhere does not exist.", reply.message());
        }
    }

    @Test
    void deletedScheduleIsGone(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        api.createSchedule("short-lived", definition("rate(1 hour)", QUEUE));
        assertEquals(200, api.deleteSchedule("short-lived", null).status());
        assertEquals(404, api.getSchedule("short-lived", null).status());
    }

    /** CreateSchedule API reference: ConflictException for a name the group already has. */
    @Test
    void aSecondScheduleWithTheSameNameIsAConflict(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        api.createSchedule("twice", definition("rate(1 hour)", QUEUE));
        SchedulerApi.Reply again = api.createSchedule("twice", definition("rate(1 hour)", QUEUE));
        assertEquals(409, again.status());
        assertEquals("ConflictException", again.errorType());
        assertEquals("Schedule twice already exists.", again.message());
    }

    /** CreateSchedule's ClientToken: the same token again answers the schedule it made. */
    @Test
    void aRetryWithTheSameClientTokenIsNotAConflict(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        ObjectNode d = definition("rate(1 hour)", QUEUE).put("ClientToken", "token-1");
        String arn = api.createSchedule("idempotent", d).body().path("ScheduleArn").asText();
        SchedulerApi.Reply retry = api.createSchedule("idempotent", d);
        assertEquals(200, retry.status());
        assertEquals(arn, retry.body().path("ScheduleArn").asText());
    }

    /** Recorded from AWS (LocalStack's AWS-validated snapshots): "Invalid Schedule Expression <expression>." */
    @Test
    void invalidExpressionsAreRefusedWithScheduleWording(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        for (String expression : List.of("cron(0 1 * * * *)", "cron(71 8 1 * ? *)", "rate(10 seconds)", "rate(10 minutess)",
                "rate(-10 minutes)", "at(2021-12-31T23:59:59Z)", "at(2021-12-31)", " rate(10 minutes)")) {
            SchedulerApi.Reply reply = api.createSchedule("bad-expression", definition(expression, QUEUE));
            assertEquals(400, reply.status(), expression);
            assertEquals("ValidationException", reply.errorType());
            assertEquals("Invalid Schedule Expression " + expression + ".", reply.message());
        }
        assertEquals(404, api.getSchedule("bad-expression", null).status(), "nothing was stored");
    }

    /** The model's constraints (API reference: Name pattern, RetryPolicy ranges, FlexibleTimeWindow's window 1-1440). */
    @Test
    void modelConstraintsAreValidationExceptions(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        ObjectNode retries = definition("rate(1 hour)", QUEUE);
        ((ObjectNode) retries.get("Target")).putObject("RetryPolicy").put("MaximumRetryAttempts", 186).put("MaximumEventAgeInSeconds", 59);
        SchedulerApi.Reply reply = api.createSchedule("retries", retries);
        assertEquals(400, reply.status());
        assertEquals("ValidationException", reply.errorType());
        assertTrue(reply.message().startsWith("2 validation errors detected"), reply.message());

        ObjectNode window = definition("rate(1 hour)", QUEUE);
        window.putObject("FlexibleTimeWindow").put("Mode", "FLEXIBLE").put("MaximumWindowInMinutes", 1441);
        assertEquals(400, api.createSchedule("window", window).status());

        SchedulerApi.Reply name = api.createSchedule("not/a name", definition("rate(1 hour)", QUEUE));
        assertEquals("ValidationException", name.errorType());

        ObjectNode noRole = definition("rate(1 hour)", QUEUE);
        ((ObjectNode) noRole.get("Target")).remove("RoleArn");
        assertEquals("ValidationException", api.createSchedule("no-role", noRole).errorType());
    }

    /** FlexibleTimeWindow: MaximumWindowInMinutes goes with FLEXIBLE and only with it (wording not checked against AWS). */
    @Test
    void flexibleWindowNeedsItsMaximum(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        ObjectNode flexible = definition("rate(1 hour)", QUEUE);
        flexible.putObject("FlexibleTimeWindow").put("Mode", "FLEXIBLE");
        SchedulerApi.Reply reply = api.createSchedule("flex", flexible);
        assertEquals(400, reply.status());
        assertEquals("ValidationException", reply.errorType());

        ObjectNode off = definition("rate(1 hour)", QUEUE);
        off.putObject("FlexibleTimeWindow").put("Mode", "OFF").put("MaximumWindowInMinutes", 5);
        assertEquals("ValidationException", api.createSchedule("flex", off).errorType());

        ObjectNode zone = definition("rate(1 hour)", QUEUE).put("ScheduleExpressionTimezone", "Mars/Olympus");
        assertEquals("ValidationException", api.createSchedule("flex", zone).errorType());

        ObjectNode dates = definition("rate(1 hour)", QUEUE).put("StartDate", 1_900_000_000).put("EndDate", 1_800_000_000);
        assertEquals("ValidationException", api.createSchedule("flex", dates).errorType());
        assertEquals(404, api.getSchedule("flex", null).status());
    }

    @Test
    void scheduleInAGroupThatDoesNotExistIsResourceNotFound(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        SchedulerApi.Reply reply = api.createSchedule("orphan", definition("rate(1 hour)", QUEUE).put("GroupName", "no-such-group"));
        assertEquals(404, reply.status());
        assertEquals("ResourceNotFoundException", reply.errorType());
        assertEquals("Schedule group no-such-group does not exist.", reply.message());
    }

    /** ListSchedules API reference: ScheduleGroup, NamePrefix, State, MaxResults and NextToken. */
    @Test
    void listSchedulesFiltersAndPages(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        api.createGroup("listing", null);
        for (String name : List.of("list-a", "list-b", "list-c")) {
            api.createSchedule(name, definition("rate(1 hour)", QUEUE).put("GroupName", "listing")
                    .put("State", name.equals("list-b") ? "DISABLED" : "ENABLED"));
        }
        api.createSchedule("list-elsewhere", definition("rate(1 hour)", QUEUE));

        JsonNode group = api.ok(SdkHttpMethod.GET, "/schedules", Map.of("ScheduleGroup", "listing"), null);
        assertEquals(List.of("list-a", "list-b", "list-c"), names(group.path("Schedules")));
        assertEquals("listing", group.path("Schedules").get(0).path("GroupName").asText());
        assertEquals(QUEUE, group.path("Schedules").get(0).path("Target").path("Arn").asText());

        JsonNode disabled = api.ok(SdkHttpMethod.GET, "/schedules", Map.of("ScheduleGroup", "listing", "State", "DISABLED"), null);
        assertEquals(List.of("list-b"), names(disabled.path("Schedules")));
        JsonNode prefixed = api.ok(SdkHttpMethod.GET, "/schedules", Map.of("NamePrefix", "list-"), null);
        assertTrue(names(prefixed.path("Schedules")).containsAll(List.of("list-a", "list-elsewhere")));

        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = token == null ? Map.of("ScheduleGroup", "listing", "MaxResults", "2")
                    : Map.of("ScheduleGroup", "listing", "MaxResults", "2", "NextToken", token);
            JsonNode page = api.ok(SdkHttpMethod.GET, "/schedules", query, null);
            paged.addAll(names(page.path("Schedules")));
            token = page.path("NextToken").asText(null);
        } while (token != null);
        assertEquals(List.of("list-a", "list-b", "list-c"), paged);

        SchedulerApi.Reply missing = api.call(SdkHttpMethod.GET, "/schedules", Map.of("ScheduleGroup", "no-such-group"), null);
        assertEquals("ResourceNotFoundException", missing.errorType());
    }

    /** Schedule groups: the default one exists unasked; groups are created, listed, tagged and deleted with their schedules. */
    @Test
    void scheduleGroupsLifecycle(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        ObjectNode tagged = JSON.createObjectNode();
        tagged.putArray("Tags").addObject().put("Key", "team").put("Value", "ops");
        SchedulerApi.Reply created = api.createGroup("lifecycle", tagged);
        assertEquals(200, created.status(), created.toString());
        String arn = created.body().path("ScheduleGroupArn").asText();
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/lifecycle", arn);

        JsonNode got = api.ok(SdkHttpMethod.GET, "/schedule-groups/lifecycle", Map.of(), null);
        assertEquals("ACTIVE", got.path("State").asText());
        assertEquals(arn, got.path("Arn").asText());
        JsonNode defaultGroup = api.ok(SdkHttpMethod.GET, "/schedule-groups/default", Map.of(), null);
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/default", defaultGroup.path("Arn").asText());
        List<String> groups = names(api.ok(SdkHttpMethod.GET, "/schedule-groups", Map.of(), null).path("ScheduleGroups"));
        assertTrue(groups.containsAll(List.of("default", "lifecycle")), groups.toString());
        assertEquals(List.of("lifecycle"), names(api.ok(SdkHttpMethod.GET, "/schedule-groups", Map.of("NamePrefix", "lifecyc"), null)
                .path("ScheduleGroups")));

        String tags = "/tags/" + SchedulerApi.label(arn);
        ObjectNode more = JSON.createObjectNode();
        more.putArray("Tags").addObject().put("Key", "cost").put("Value", "low");
        api.ok(SdkHttpMethod.POST, tags, Map.of(), more);
        assertEquals(2, api.ok(SdkHttpMethod.GET, tags, Map.of(), null).path("Tags").size());
        api.ok(SdkHttpMethod.DELETE, tags, Map.of("TagKeys", "team"), null);
        JsonNode left = api.ok(SdkHttpMethod.GET, tags, Map.of(), null).path("Tags");
        assertEquals(1, left.size());
        assertEquals("cost", left.get(0).path("Key").asText());

        SchedulerApi.Reply again = api.createGroup("lifecycle", null);
        assertEquals(409, again.status());
        assertEquals("ConflictException", again.errorType());

        api.createSchedule("in-group", definition("rate(1 hour)", QUEUE).put("GroupName", "lifecycle"));
        api.ok(SdkHttpMethod.DELETE, "/schedule-groups/lifecycle", Map.of(), null);
        SchedulerApi.Reply gone = api.call(SdkHttpMethod.GET, "/schedule-groups/lifecycle", Map.of(), null);
        assertEquals(404, gone.status());
        assertEquals("ResourceNotFoundException", gone.errorType());
        assertEquals(404, api.getSchedule("in-group", "lifecycle").status(), "its schedules went with it");
        assertEquals("ResourceNotFoundException", api.call(SdkHttpMethod.GET, tags, Map.of(), null).errorType());
    }

    @Test
    void theDefaultGroupCannotBeDeletedOrCreated(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        SchedulerApi.Reply delete = api.call(SdkHttpMethod.DELETE, "/schedule-groups/default", Map.of(), null);
        assertEquals(400, delete.status());
        assertEquals("ValidationException", delete.errorType());
        assertEquals("ConflictException", api.createGroup("default", null).errorType());
        assertEquals("ResourceNotFoundException",
                api.call(SdkHttpMethod.DELETE, "/schedule-groups/never-made", Map.of(), null).errorType());
    }

    /** TagResource takes schedule-group ARNs only (the model's TagResourceArn pattern). */
    @Test
    void tagsNeedAScheduleGroupArn(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        String scheduleArn = "arn:aws:scheduler:us-east-1:000000000000:schedule/default/x";
        SchedulerApi.Reply reply = api.call(SdkHttpMethod.GET, "/tags/" + SchedulerApi.label(scheduleArn), Map.of(), null);
        assertEquals(400, reply.status());
        assertEquals("ValidationException", reply.errorType());
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(i -> names.add(i.path("Name").asText()));
        return names;
    }
}
