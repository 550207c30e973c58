package dev.cloudjar.it.scheduler;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Boto3Sweeps.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The main flow through boto3's scheduler client: a group, a schedule to a queue fired now, the errors' codes; and
 * every Scheduler operation Cloudjar implements through boto3 (boto3_sweep.py in this package's test resources), with
 * the main error of each whose SDK tests check one, by code, HTTP status and message.
 */
@Cloudjar
class SchedulerBoto3Test {

    @Test
    void boto3CreatesFiresAndDeletesSchedules(URI endpoint) throws Exception {
        String script = "import boto3, json, urllib.request\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "scheduler = boto3.client('scheduler', **kw); sqs = boto3.client('sqs', **kw)\n"
                + "url = sqs.create_queue(QueueName='py-scheduled')['QueueUrl']\n"
                + "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
                + "scheduler.create_schedule_group(Name='py-group', Tags=[{'Key': 'k', 'Value': 'v'}])\n"
                + "s = scheduler.create_schedule(Name='py-schedule', GroupName='py-group', ScheduleExpression='rate(1 day)',\n"
                + "    FlexibleTimeWindow={'Mode': 'OFF'}, Target={'Arn': arn, 'RoleArn': 'arn:aws:iam::000000000000:role/r',\n"
                + "    'Input': json.dumps({'run': '<aws.scheduler.attempt-number>'})})['ScheduleArn']\n"
                + "got = scheduler.get_schedule(Name='py-schedule', GroupName='py-group')\n"
                + "listed = [x['Name'] for x in scheduler.list_schedules(GroupName='py-group')['Schedules']]\n"
                + "req = urllib.request.Request('" + endpoint + "/_cloudjar/schedules/fire', data=json.dumps({'arn': s}).encode(),\n"
                + "    headers={'Content-Type': 'application/json'}, method='POST')\n"
                + "urllib.request.urlopen(req).read()\n"
                + "body = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)['Messages'][0]['Body']\n"
                + "try:\n"
                + "    scheduler.get_schedule(Name='py-missing')\n"
                + "except scheduler.exceptions.ResourceNotFoundException as e:\n"
                + "    missing = e.response['Error']['Code'] + ': ' + e.response['Error']['Message']\n"
                + "try:\n"
                + "    scheduler.create_schedule_group(Name='py-group')\n"
                + "except scheduler.exceptions.ConflictException as e:\n"
                + "    conflict = e.response['Error']['Code']\n"
                + "scheduler.delete_schedule_group(Name='py-group')\n"
                + "groups = [g['Name'] for g in scheduler.list_schedule_groups()['ScheduleGroups']]\n"
                + "print(got['Target']['RetryPolicy']['MaximumRetryAttempts'], got['ScheduleExpressionTimezone'], listed, body)\n"
                + "print(missing)\n"
                + "print(conflict, 'py-group' in groups, 'default' in groups)\n";
        Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("185 UTC ['py-schedule'] {\"run\": \"1\"}\n"
                + "ResourceNotFoundException: Schedule py-missing does not exist.\n"
                + "ConflictException False True", python.output().trim());
    }

    @Test
    void boto3CallsEveryOperationAndGetsSchedulerErrors(URI endpoint) throws Exception {
        Processes.Result python = Processes.run(List.of("python3", "-c", script(SchedulerBoto3Test.class)),
                Map.of("CLOUDJAR_ENDPOINT", endpoint.toString()));
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("ok 12 operations 17 errors", python.output().trim());
    }
}
