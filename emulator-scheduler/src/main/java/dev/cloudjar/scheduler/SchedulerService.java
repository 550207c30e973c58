package dev.cloudjar.scheduler;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.scheduler.group.GroupOperations;
import dev.cloudjar.scheduler.run.ScheduleRunner;
import dev.cloudjar.scheduler.run.TargetInvoker;
import dev.cloudjar.scheduler.schedule.ScheduleOperations;
import dev.cloudjar.scheduler.store.SchedulerStore;

import java.util.List;

/**
 * Amazon EventBridge Scheduler over restJson1, described by a hand-written model. Schedule groups
 * and schedules live in the storage SPI; each enabled schedule has a durable core timer at its next
 * time, and when it fires its target gets a delivery through core's delivery queue. Reached by its
 * signing name only: its paths (/schedules, /tags) would otherwise take unsigned requests from S3.
 */
public final class SchedulerService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("scheduler", "scheduler",
            Protocol.REST_JSON_1, "dev/cloudjar/scheduler/scheduler.json", null, List.of(), false);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        SchedulerStore store = new SchedulerStore(context.state());
        ScheduleRunner runner = new ScheduleRunner(store, context.timers(), context.deliveries());
        context.timers().register(ScheduleRunner.OWNER, runner);
        context.deliveries().register(TargetInvoker.RECEIVER, new TargetInvoker(context.calls()));
        ScheduleOperations schedules = new ScheduleOperations(store, runner);
        operations.on("CreateSchedule", schedules::createSchedule)
                .on("GetSchedule", schedules::getSchedule)
                .on("UpdateSchedule", schedules::updateSchedule)
                .on("DeleteSchedule", schedules::deleteSchedule)
                .on("ListSchedules", schedules::listSchedules);
        GroupOperations groups = new GroupOperations(store, runner);
        operations.on("CreateScheduleGroup", groups::createScheduleGroup)
                .on("GetScheduleGroup", groups::getScheduleGroup)
                .on("DeleteScheduleGroup", groups::deleteScheduleGroup)
                .on("ListScheduleGroups", groups::listScheduleGroups)
                .on("TagResource", groups::tagResource)
                .on("UntagResource", groups::untagResource)
                .on("ListTagsForResource", groups::listTagsForResource);
    }
}
