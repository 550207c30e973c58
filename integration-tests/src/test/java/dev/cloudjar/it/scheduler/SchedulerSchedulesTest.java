package dev.cloudjar.it.scheduler;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.AssignPublicIp;
import software.amazon.awssdk.services.scheduler.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.scheduler.model.EcsParameters;
import software.amazon.awssdk.services.scheduler.model.LaunchType;
import software.amazon.awssdk.services.scheduler.model.PlacementConstraint;
import software.amazon.awssdk.services.scheduler.model.PlacementConstraintType;
import software.amazon.awssdk.services.scheduler.model.PlacementStrategy;
import software.amazon.awssdk.services.scheduler.model.PlacementStrategyType;
import software.amazon.awssdk.services.scheduler.model.PropagateTags;
import software.amazon.awssdk.services.scheduler.model.SageMakerPipelineParameter;
import software.amazon.awssdk.services.scheduler.model.SageMakerPipelineParameters;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupState;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.cloudjar.it.scheduler.ScheduleFixtures.ROLE;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.fails;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.message;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedules and schedule groups: every operation and its errors, through the AWS SDK v2 scheduler client. */
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
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            Instant before = Instant.now().minusSeconds(1);
            String arn = scheduler.createSchedule(schedule("defaults", "rate(5 minutes)", QUEUE).build()).scheduleArn();
            assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/defaults", arn);

            GetScheduleResponse got = scheduler.getSchedule(b -> b.name("defaults"));
            assertEquals(arn, got.arn());
            assertEquals("defaults", got.name());
            assertEquals("default", got.groupName());
            assertEquals("rate(5 minutes)", got.scheduleExpression());
            assertEquals("UTC", got.scheduleExpressionTimezone());
            assertEquals(ScheduleState.ENABLED, got.state());
            assertEquals(ActionAfterCompletion.NONE, got.actionAfterCompletion());
            assertEquals(FlexibleTimeWindowMode.OFF, got.flexibleTimeWindow().mode());
            assertEquals(QUEUE, got.target().arn());
            assertEquals(ROLE, got.target().roleArn());
            assertEquals(86400, got.target().retryPolicy().maximumEventAgeInSeconds());
            assertEquals(185, got.target().retryPolicy().maximumRetryAttempts());
            assertNotNull(got.creationDate(), "the SDK reads the timestamps");
            assertTrue(got.creationDate().isAfter(before) && got.creationDate().isBefore(Instant.now().plusSeconds(1)),
                    got.creationDate().toString());
            assertEquals(got.creationDate(), got.lastModificationDate());
        }
    }

    /** CreateSchedule API reference: every member stored and answered back by GetSchedule. */
    @Test
    void everyMemberOfTheDefinitionIsKept(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            scheduler.createScheduleGroup(b -> b.name("members"));
            scheduler.createSchedule(schedule("all-members", "cron(0 8 ? * MON-FRI *)", QUEUE)
                    .groupName("members").scheduleExpressionTimezone("Europe/Paris").description("weekday mornings")
                    .state(ScheduleState.DISABLED).startDate(Instant.ofEpochSecond(1_900_000_000))
                    .endDate(Instant.ofEpochSecond(1_900_086_400)).kmsKeyArn("arn:aws:kms:us-east-1:000000000000:key/abc-123")
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(15))
                    .target(t -> t.arn("arn:aws:sqs:us-east-1:000000000000:jobs.fifo").roleArn(ROLE).input("{\"job\":\"report\"}")
                            .retryPolicy(r -> r.maximumRetryAttempts(3))
                            .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                            .sqsParameters(s -> s.messageGroupId("reports")))
                    .build());

            GetScheduleResponse got = scheduler.getSchedule(b -> b.name("all-members").groupName("members"));
            assertEquals("members", got.groupName());
            assertEquals("Europe/Paris", got.scheduleExpressionTimezone());
            assertEquals("weekday mornings", got.description());
            assertEquals(ScheduleState.DISABLED, got.state());
            assertEquals(Instant.ofEpochSecond(1_900_000_000), got.startDate());
            assertEquals(Instant.ofEpochSecond(1_900_086_400), got.endDate());
            assertEquals("arn:aws:kms:us-east-1:000000000000:key/abc-123", got.kmsKeyArn());
            assertEquals(ActionAfterCompletion.DELETE, got.actionAfterCompletion());
            assertEquals(FlexibleTimeWindowMode.FLEXIBLE, got.flexibleTimeWindow().mode());
            assertEquals(15, got.flexibleTimeWindow().maximumWindowInMinutes());
            assertEquals("{\"job\":\"report\"}", got.target().input());
            assertEquals(3, got.target().retryPolicy().maximumRetryAttempts());
            assertEquals(86400, got.target().retryPolicy().maximumEventAgeInSeconds(),
                    "a member the RetryPolicy leaves out keeps its default");
            assertEquals("arn:aws:sqs:us-east-1:000000000000:dlq", got.target().deadLetterConfig().arn());
            assertEquals("reports", got.target().sqsParameters().messageGroupId());
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.getSchedule(b -> b.name("all-members"))); // it lives in its group, not in default
        }
    }

    /**
     * The target parameters of targets Cloudjar does not run yet (Kinesis, ECS, SageMaker) are kept and answered
     * as given, in the SDK's member names (ECS's lower-case awsvpcConfiguration, type and expression included).
     */
    @Test
    void targetParametersOfOtherTargetsAreAnsweredAsGiven(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            Target kinesis = Target.builder().arn("arn:aws:kinesis:us-east-1:000000000000:stream/s").roleArn(ROLE)
                    .kinesisParameters(k -> k.partitionKey("pk")).build();
            EcsParameters ecs = EcsParameters.builder().taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/t:1")
                    .taskCount(2).launchType(LaunchType.FARGATE).platformVersion("LATEST").group("g")
                    .enableECSManagedTags(true).enableExecuteCommand(false).propagateTags(PropagateTags.TASK_DEFINITION)
                    .referenceId("ref").tags(Map.of("team", "ops"))
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1").securityGroups("sg-1")
                            .assignPublicIp(AssignPublicIp.ENABLED)))
                    .placementConstraints(PlacementConstraint.builder().type(PlacementConstraintType.MEMBER_OF)
                            .expression("attribute:ecs.instance-type =~ t2.*").build())
                    .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("host").build())
                    .capacityProviderStrategy(CapacityProviderStrategyItem.builder().capacityProvider("FARGATE").weight(1).base(0).build())
                    .build();
            Target ecsTarget = Target.builder().arn("arn:aws:ecs:us-east-1:000000000000:cluster/c").roleArn(ROLE).ecsParameters(ecs).build();
            SageMakerPipelineParameters pipeline = SageMakerPipelineParameters.builder()
                    .pipelineParameterList(SageMakerPipelineParameter.builder().name("p").value("v").build()).build();
            Target sageMaker = Target.builder().arn("arn:aws:sagemaker:us-east-1:000000000000:pipeline/p").roleArn(ROLE)
                    .sageMakerPipelineParameters(pipeline).build();
            Map<String, Target> targets = Map.of("to-kinesis", kinesis, "to-ecs", ecsTarget, "to-sagemaker", sageMaker);
            targets.forEach((name, target) -> scheduler.createSchedule(schedule(name, "rate(1 day)", target.arn()).target(target).build()));

            assertEquals("pk", scheduler.getSchedule(b -> b.name("to-kinesis")).target().kinesisParameters().partitionKey());
            assertEquals(ecs, scheduler.getSchedule(b -> b.name("to-ecs")).target().ecsParameters());
            assertEquals(pipeline, scheduler.getSchedule(b -> b.name("to-sagemaker")).target().sageMakerPipelineParameters());
        }
    }

    /** UpdateSchedule API reference: "all fields ... are replaced": what the update leaves out goes back to its default. */
    @Test
    void updateReplacesTheWholeDefinition(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            scheduler.createSchedule(schedule("replaced", "rate(1 hour)", QUEUE).description("first").state(ScheduleState.DISABLED).build());
            Instant created = scheduler.getSchedule(b -> b.name("replaced")).creationDate();

            UpdateScheduleResponse updated = scheduler.updateSchedule(update("replaced", "rate(2 minute)"));
            assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/replaced", updated.scheduleArn());
            GetScheduleResponse got = scheduler.getSchedule(b -> b.name("replaced"));
            // rate(2 minute): AWS accepts the singular unit for 2 (recorded by LocalStack's AWS-validated update test).
            assertEquals("rate(2 minute)", got.scheduleExpression());
            assertNull(got.description());
            assertEquals(ScheduleState.ENABLED, got.state());
            assertEquals(created, got.creationDate());
        }
    }

    private static UpdateScheduleRequest update(String name, String expression) {
        return UpdateScheduleRequest.builder().name(name).scheduleExpression(expression)
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE).roleArn(ROLE)).build();
    }

    /** ResourceNotFoundException, worded as Scheduler answers it: "Schedule <name> does not exist." */
    @Test
    void missingScheduleIsResourceNotFound(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            List<Runnable> calls = List.of(() -> scheduler.getSchedule(b -> b.name("nowhere")),
                    () -> scheduler.deleteSchedule(b -> b.name("nowhere")),
                    () -> scheduler.updateSchedule(update("nowhere", "rate(1 hour)")));
            for (Runnable call : calls) {
                ResourceNotFoundException e = fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException", call::run);
                assertEquals("Schedule nowhere does not exist.", message(e));
            }
        }
    }

    @Test
    void deletedScheduleIsGone(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            scheduler.createSchedule(schedule("short-lived", "rate(1 hour)", QUEUE).build());
            assertEquals(200, scheduler.deleteSchedule(b -> b.name("short-lived")).sdkHttpResponse().statusCode());
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException", () -> scheduler.getSchedule(b -> b.name("short-lived")));
        }
    }

    /** CreateSchedule API reference: ConflictException for a name the group already has. */
    @Test
    void aSecondScheduleWithTheSameNameIsAConflict(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            scheduler.createSchedule(schedule("twice", "rate(1 hour)", QUEUE).build());
            // The SDK fills in a new ClientToken for each call, so this is not a retry.
            ConflictException e = fails(ConflictException.class, 409, "ConflictException",
                    () -> scheduler.createSchedule(schedule("twice", "rate(1 hour)", QUEUE).build()));
            assertEquals("Schedule twice already exists.", message(e));
        }
    }

    /** CreateSchedule's ClientToken: the same token again answers the schedule it made. */
    @Test
    void aRetryWithTheSameClientTokenIsNotAConflict(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            String arn = scheduler.createSchedule(schedule("idempotent", "rate(1 hour)", QUEUE).clientToken("token-1").build()).scheduleArn();
            CreateScheduleResponse retry = scheduler.createSchedule(schedule("idempotent", "rate(1 hour)", QUEUE).clientToken("token-1").build());
            assertEquals(arn, retry.scheduleArn());
        }
    }

    /** Recorded from AWS (LocalStack's AWS-validated snapshots): "Invalid Schedule Expression <expression>." */
    @Test
    void invalidExpressionsAreRefusedWithScheduleWording(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            for (String expression : List.of("cron(0 1 * * * *)", "cron(71 8 1 * ? *)", "rate(10 seconds)", "rate(10 minutess)",
                    "rate(-10 minutes)", "at(2021-12-31T23:59:59Z)", "at(2021-12-31)", " rate(10 minutes)")) {
                ValidationException e = fails(ValidationException.class, 400, "ValidationException",
                        () -> scheduler.createSchedule(schedule("bad-expression", expression, QUEUE).build()));
                assertEquals("Invalid Schedule Expression " + expression + ".", message(e), expression);
            }
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.getSchedule(b -> b.name("bad-expression"))); // nothing was stored
        }
    }

    /** The model's constraints (API reference: Name pattern, RetryPolicy ranges, FlexibleTimeWindow's window 1-1440). */
    @Test
    void modelConstraintsAreValidationExceptions(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            ValidationException retries = fails(ValidationException.class, 400, "ValidationException",
                    () -> scheduler.createSchedule(schedule("retries", "rate(1 hour)", QUEUE)
                            .target(t -> t.arn(QUEUE).roleArn(ROLE).retryPolicy(r -> r.maximumRetryAttempts(186).maximumEventAgeInSeconds(59)))
                            .build()));
            assertTrue(message(retries).startsWith("2 validation errors detected"), message(retries));

            fails(ValidationException.class, 400, "ValidationException", () -> scheduler.createSchedule(schedule("window", "rate(1 hour)", QUEUE)
                    .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(1441)).build()));
            fails(ValidationException.class, 400, "ValidationException",
                    () -> scheduler.createSchedule(schedule("not/a name", "rate(1 hour)", QUEUE).build()));
            fails(ValidationException.class, 400, "ValidationException", () -> scheduler.createSchedule(schedule("no-role", "rate(1 hour)", QUEUE)
                    .target(t -> t.arn(QUEUE)).build()));
        }
    }

    /** FlexibleTimeWindow: MaximumWindowInMinutes goes with FLEXIBLE and only with it (wording not checked against AWS). */
    @Test
    void flexibleWindowNeedsItsMaximum(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            List<UnaryOperator<CreateScheduleRequest.Builder>> invalid = List.of(
                    d -> d.flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.FLEXIBLE)),
                    d -> d.flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF).maximumWindowInMinutes(5)),
                    d -> d.scheduleExpressionTimezone("Mars/Olympus"),
                    d -> d.startDate(Instant.ofEpochSecond(1_900_000_000)).endDate(Instant.ofEpochSecond(1_800_000_000)));
            for (var change : invalid) {
                fails(ValidationException.class, 400, "ValidationException",
                        () -> scheduler.createSchedule(change.apply(schedule("flex", "rate(1 hour)", QUEUE)).build()));
            }
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException", () -> scheduler.getSchedule(b -> b.name("flex")));
        }
    }

    @Test
    void scheduleInAGroupThatDoesNotExistIsResourceNotFound(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            ResourceNotFoundException e = fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.createSchedule(schedule("orphan", "rate(1 hour)", QUEUE).groupName("no-such-group").build()));
            assertEquals("Schedule group no-such-group does not exist.", message(e));
        }
    }

    /** ListSchedules API reference: GroupName, NamePrefix, State, MaxResults and NextToken. */
    @Test
    void listSchedulesFiltersAndPages(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            scheduler.createScheduleGroup(b -> b.name("listing"));
            for (String name : List.of("list-a", "list-b", "list-c")) {
                scheduler.createSchedule(schedule(name, "rate(1 hour)", QUEUE).groupName("listing")
                        .state(name.equals("list-b") ? ScheduleState.DISABLED : ScheduleState.ENABLED).build());
            }
            scheduler.createSchedule(schedule("list-elsewhere", "rate(1 hour)", QUEUE).build());

            List<ScheduleSummary> group = scheduler.listSchedules(b -> b.groupName("listing")).schedules();
            assertEquals(List.of("list-a", "list-b", "list-c"), names(group));
            ScheduleSummary first = group.get(0);
            assertEquals("listing", first.groupName());
            assertEquals(QUEUE, first.target().arn());
            assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/listing/list-a", first.arn());
            assertEquals(ScheduleState.ENABLED, first.state());
            assertNotNull(first.creationDate());
            assertNotNull(first.lastModificationDate());

            assertEquals(List.of("list-b"), names(scheduler.listSchedules(b -> b.groupName("listing").state(ScheduleState.DISABLED)).schedules()));
            List<String> prefixed = names(scheduler.listSchedules(b -> b.namePrefix("list-")).schedules());
            assertTrue(prefixed.containsAll(List.of("list-a", "list-elsewhere")), prefixed.toString());

            List<String> paged = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String from = token;
                ListSchedulesResponse page = scheduler.listSchedules(b -> b.groupName("listing").maxResults(2).nextToken(from));
                assertTrue(page.schedules().size() <= 2);
                paged.addAll(names(page.schedules()));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertEquals(List.of("list-a", "list-b", "list-c"), paged);
            assertEquals(2, pages);
            assertEquals(List.of("list-a", "list-b", "list-c"), scheduler.listSchedulesPaginator(b -> b.groupName("listing").maxResults(1))
                    .schedules().stream().map(ScheduleSummary::name).toList(), "the SDK's paginator follows the tokens");

            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.listSchedules(b -> b.groupName("no-such-group")));
        }
    }

    /** Schedule groups: the default one exists unasked; groups are created, listed, tagged and deleted with their schedules. */
    @Test
    void scheduleGroupsLifecycle(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            String arn = scheduler.createScheduleGroup(b -> b.name("lifecycle").tags(tag("team", "ops"))).scheduleGroupArn();
            assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/lifecycle", arn);

            GetScheduleGroupResponse got = scheduler.getScheduleGroup(b -> b.name("lifecycle"));
            assertEquals(ScheduleGroupState.ACTIVE, got.state());
            assertEquals(arn, got.arn());
            assertEquals("lifecycle", got.name());
            assertNotNull(got.creationDate());
            assertNotNull(got.lastModificationDate());
            assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/default",
                    scheduler.getScheduleGroup(b -> b.name("default")).arn());
            List<String> groups = scheduler.listScheduleGroups(b -> { }).scheduleGroups().stream().map(ScheduleGroupSummary::name).toList();
            assertTrue(groups.containsAll(List.of("default", "lifecycle")), groups.toString());
            ScheduleGroupSummary listed = scheduler.listScheduleGroups(b -> b.namePrefix("lifecycle")).scheduleGroups().get(0);
            assertEquals(arn, listed.arn());
            assertEquals(ScheduleGroupState.ACTIVE, listed.state());
            assertEquals(got.creationDate(), listed.creationDate());
            assertEquals(got.lastModificationDate(), listed.lastModificationDate());
            assertEquals(List.of("lifecycle"), scheduler.listScheduleGroups(b -> b.namePrefix("lifecyc")).scheduleGroups().stream()
                    .map(ScheduleGroupSummary::name).toList());

            scheduler.tagResource(b -> b.resourceArn(arn).tags(tag("cost", "low"), tag("tier", "1"), tag("env", "dev")));
            assertEquals(4, scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags().size());
            scheduler.untagResource(b -> b.resourceArn(arn).tagKeys("team", "tier", "env")); // TagKeys repeated in the query
            assertEquals(List.of(tag("cost", "low")), scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags());

            fails(ConflictException.class, 409, "ConflictException", () -> scheduler.createScheduleGroup(b -> b.name("lifecycle")));

            scheduler.createSchedule(schedule("in-group", "rate(1 hour)", QUEUE).groupName("lifecycle").build());
            scheduler.deleteScheduleGroup(b -> b.name("lifecycle"));
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException", () -> scheduler.getScheduleGroup(b -> b.name("lifecycle")));
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.getSchedule(b -> b.name("in-group").groupName("lifecycle"))); // its schedules went with it
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.listTagsForResource(b -> b.resourceArn(arn)));
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void theDefaultGroupCannotBeDeletedOrCreated(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            fails(ValidationException.class, 400, "ValidationException", () -> scheduler.deleteScheduleGroup(b -> b.name("default")));
            fails(ConflictException.class, 409, "ConflictException", () -> scheduler.createScheduleGroup(b -> b.name("default")));
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> scheduler.deleteScheduleGroup(b -> b.name("never-made")));
            assertFalse(scheduler.getScheduleGroup(b -> b.name("default")).arn().isEmpty(), "still there");
        }
    }

    /**
     * Scheduler quotas: 500 schedule groups an account and Region, the default group included; one more is
     * ServiceQuotaExceededException (HTTP 402, API reference). The wording is Cloudjar's, not checked against AWS.
     */
    @Test
    void theFiveHundredAndFirstGroupExceedsTheQuota(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            long existing = scheduler.listScheduleGroupsPaginator(b -> { }).scheduleGroups().stream().count();
            List<String> made = new ArrayList<>();
            try {
                for (long i = existing; i < 500; i++) {
                    String name = "quota-" + i;
                    scheduler.createScheduleGroup(b -> b.name(name));
                    made.add(name);
                }
                assertEquals(500, scheduler.listScheduleGroupsPaginator(b -> { }).scheduleGroups().stream().count());
                ServiceQuotaExceededException e = fails(ServiceQuotaExceededException.class, 402, "ServiceQuotaExceededException",
                        () -> scheduler.createScheduleGroup(b -> b.name("one-too-many")));
                assertEquals("You have reached the quota of 500 schedule groups in this account and Region.", message(e));
                fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                        () -> scheduler.getScheduleGroup(b -> b.name("one-too-many")));

                scheduler.deleteScheduleGroup(b -> b.name(made.remove(0)));
                scheduler.createScheduleGroup(b -> b.name("one-too-many")); // room again
                made.add("one-too-many");
            } finally {
                made.forEach(name -> scheduler.deleteScheduleGroup(b -> b.name(name)));
            }
        }
    }

    /** TagResource takes schedule-group ARNs only (the model's TagResourceArn pattern). */
    @Test
    void tagsNeedAScheduleGroupArn(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            fails(ValidationException.class, 400, "ValidationException", () -> scheduler.listTagsForResource(
                    b -> b.resourceArn("arn:aws:scheduler:us-east-1:000000000000:schedule/default/x")));
        }
    }

    private static List<String> names(List<ScheduleSummary> items) {
        return items.stream().map(ScheduleSummary::name).toList();
    }
}
