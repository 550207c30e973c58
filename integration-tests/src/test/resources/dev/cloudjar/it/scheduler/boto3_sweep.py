# Every EventBridge Scheduler operation Cloudjar implements, through boto3, with the main error of each where the
# SDK v2 tests check one. The endpoint comes from CLOUDJAR_ENDPOINT; the last line printed is "ok N operations M errors".
import datetime, json, os, urllib.request
import boto3
from botocore.exceptions import ClientError

endpoint = os.environ['CLOUDJAR_ENDPOINT']
kw = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
scheduler = boto3.client('scheduler', **kw)
sqs = boto3.client('sqs', **kw)
operations = set()
errors = []
ROLE = 'arn:aws:iam::000000000000:role/scheduler-role'
ARN = 'arn:aws:scheduler:us-east-1:000000000000:'


def call(name, **params):
    operations.add(name)
    return getattr(scheduler, name)(**params)


def fails(code, status, message, name, **params):
    try:
        getattr(scheduler, name)(**params)
    except ClientError as e:
        got = (e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
        assert got == (code, status), (name, got, e.response['Error'])
        assert message is None or e.response['Error']['Message'] == message, (name, e.response['Error'])
        errors.append((name, code))
        return e.response['Error']
    raise AssertionError(name + ' did not fail with ' + code)


def fire(arn):
    request = urllib.request.Request(endpoint + '/_cloudjar/schedules/fire', data=json.dumps({'arn': arn}).encode(),
                                     headers={'Content-Type': 'application/json'}, method='POST')
    urllib.request.urlopen(request).read()


def next_body(url):
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20).get('Messages', [])
    assert len(messages) == 1, messages
    sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]['ReceiptHandle'])
    return messages[0]['Body']


url = sqs.create_queue(QueueName='boto3-scheduler-sweep')['QueueUrl']
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
off = {'Mode': 'OFF'}

# Groups
group_arn = call('create_schedule_group', Name='sweep-group', Tags=[{'Key': 'team', 'Value': 'ops'}])['ScheduleGroupArn']
assert group_arn == ARN + 'schedule-group/sweep-group', group_arn
fails('ConflictException', 409, 'Schedule group sweep-group already exists.', 'create_schedule_group', Name='sweep-group')
group = call('get_schedule_group', Name='sweep-group')
assert group['State'] == 'ACTIVE' and group['Arn'] == group_arn and group['Name'] == 'sweep-group', group
assert isinstance(group['CreationDate'], datetime.datetime), group
fails('ResourceNotFoundException', 404, 'Schedule group sweep-missing does not exist.', 'get_schedule_group', Name='sweep-missing')
groups = [g['Name'] for g in call('list_schedule_groups')['ScheduleGroups']]
assert 'default' in groups and 'sweep-group' in groups, groups

# Tags
call('tag_resource', ResourceArn=group_arn, Tags=[{'Key': 'cost', 'Value': 'low'}])
call('untag_resource', ResourceArn=group_arn, TagKeys=['team'])
assert call('list_tags_for_resource', ResourceArn=group_arn)['Tags'] == [{'Key': 'cost', 'Value': 'low'}]
fails('ValidationException', 400, "1 validation error detected: Value 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/x' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[a-z]+)?:scheduler:[a-z0-9\\-]+:\\d{12}:schedule-group\\/[0-9a-zA-Z-_.]+", 'list_tags_for_resource', ResourceArn=ARN + 'schedule/default/x')
fails('ResourceNotFoundException', 404, 'Schedule group sweep-missing does not exist.', 'tag_resource', ResourceArn=ARN + 'schedule-group/sweep-missing',
      Tags=[{'Key': 'k', 'Value': 'v'}])

# Schedules: a templated SQS target and a universal target (sqs:sendMessage), both fired now
created = call('create_schedule', Name='sweep-schedule', GroupName='sweep-group', ScheduleExpression='rate(1 day)',
               ScheduleExpressionTimezone='Europe/Paris', FlexibleTimeWindow=off, Description='daily',
               Target={'Arn': queue_arn, 'RoleArn': ROLE, 'Input': json.dumps({'attempt': '<aws.scheduler.attempt-number>'})})
assert created['ScheduleArn'] == ARN + 'schedule/sweep-group/sweep-schedule', created
fails('ConflictException', 409, 'Schedule sweep-schedule already exists.', 'create_schedule', Name='sweep-schedule', GroupName='sweep-group',
      ScheduleExpression='rate(1 day)', FlexibleTimeWindow=off, Target={'Arn': queue_arn, 'RoleArn': ROLE})
fails('ValidationException', 400, 'Invalid Schedule Expression rate(10 seconds).', 'create_schedule', Name='sweep-bad', ScheduleExpression='rate(10 seconds)',
      FlexibleTimeWindow=off, Target={'Arn': queue_arn, 'RoleArn': ROLE})
fails('ResourceNotFoundException', 404, 'Schedule group sweep-missing does not exist.', 'create_schedule', Name='sweep-orphan', GroupName='sweep-missing',
      ScheduleExpression='rate(1 day)', FlexibleTimeWindow=off, Target={'Arn': queue_arn, 'RoleArn': ROLE})
fails('ValidationException', 400, None, 'create_schedule', Name='sweep-retries', ScheduleExpression='rate(1 day)',
      FlexibleTimeWindow=off, Target={'Arn': queue_arn, 'RoleArn': ROLE,
                                      'RetryPolicy': {'MaximumRetryAttempts': 186}})
fails('ValidationException', 400, None, 'create_schedule', Name='sweep-window', ScheduleExpression='rate(1 day)',
      FlexibleTimeWindow={'Mode': 'FLEXIBLE'}, Target={'Arn': queue_arn, 'RoleArn': ROLE})
in_an_hour = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(hours=1)
universal = scheduler.create_schedule(
    Name='sweep-universal', ScheduleExpression='at(%s)' % in_an_hour.strftime('%Y-%m-%dT%H:%M:%S'),
    FlexibleTimeWindow=off, ActionAfterCompletion='DELETE',
    Target={'Arn': 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage', 'RoleArn': ROLE,
            'Input': json.dumps({'QueueUrl': url, 'MessageBody': 'universal'})})['ScheduleArn']
got = call('get_schedule', Name='sweep-schedule', GroupName='sweep-group')
assert got['Arn'] == created['ScheduleArn'] and got['GroupName'] == 'sweep-group', got
assert got['ScheduleExpression'] == 'rate(1 day)' and got['ScheduleExpressionTimezone'] == 'Europe/Paris', got
assert got['State'] == 'ENABLED' and got['Description'] == 'daily' and got['FlexibleTimeWindow'] == off, got
assert got['Target']['RetryPolicy'] == {'MaximumEventAgeInSeconds': 86400, 'MaximumRetryAttempts': 185}, got
assert isinstance(got['CreationDate'], datetime.datetime) and isinstance(got['LastModificationDate'], datetime.datetime), got
fails('ResourceNotFoundException', 404, 'Schedule sweep-missing does not exist.', 'get_schedule', Name='sweep-missing')
fire(created['ScheduleArn'])
assert json.loads(next_body(url)) == {'attempt': '1'}
fire(universal)
assert next_body(url) == 'universal'
# A one-time schedule with ActionAfterCompletion DELETE is gone once it has run.
fails('ResourceNotFoundException', 404, 'Schedule sweep-universal does not exist.', 'get_schedule', Name='sweep-universal')

updated = call('update_schedule', Name='sweep-schedule', GroupName='sweep-group', ScheduleExpression='cron(0 8 * * ? *)',
               FlexibleTimeWindow={'Mode': 'FLEXIBLE', 'MaximumWindowInMinutes': 15}, State='DISABLED',
               Target={'Arn': queue_arn, 'RoleArn': ROLE, 'RetryPolicy': {'MaximumRetryAttempts': 2}})
assert updated['ScheduleArn'] == created['ScheduleArn'], updated
got = scheduler.get_schedule(Name='sweep-schedule', GroupName='sweep-group')
assert got['ScheduleExpression'] == 'cron(0 8 * * ? *)' and got['State'] == 'DISABLED', got
assert got['ScheduleExpressionTimezone'] == 'UTC' and 'Description' not in got, got
assert got['FlexibleTimeWindow'] == {'Mode': 'FLEXIBLE', 'MaximumWindowInMinutes': 15}, got
assert got['Target']['RetryPolicy']['MaximumRetryAttempts'] == 2, got
fails('ResourceNotFoundException', 404, 'Schedule sweep-missing does not exist.', 'update_schedule', Name='sweep-missing', ScheduleExpression='rate(1 day)',
      FlexibleTimeWindow=off, Target={'Arn': queue_arn, 'RoleArn': ROLE})

listed = call('list_schedules', GroupName='sweep-group')['Schedules']
assert [(s['Name'], s['GroupName'], s['State'], s['Target']['Arn']) for s in listed] \
       == [('sweep-schedule', 'sweep-group', 'DISABLED', queue_arn)], listed
scheduler.create_schedule(Name='sweep-daily', ScheduleExpression='rate(1 day)', FlexibleTimeWindow=off,
                          Target={'Arn': queue_arn, 'RoleArn': ROLE})
assert [s['Name'] for s in scheduler.list_schedules(NamePrefix='sweep-', State='ENABLED')['Schedules']] == ['sweep-daily']
fails('ResourceNotFoundException', 404, 'Schedule group sweep-missing does not exist.', 'list_schedules', GroupName='sweep-missing')

# Deleting
call('delete_schedule', Name='sweep-daily')
fails('ResourceNotFoundException', 404, 'Schedule sweep-daily does not exist.', 'delete_schedule', Name='sweep-daily')
call('delete_schedule_group', Name='sweep-group')
fails('ResourceNotFoundException', 404, 'Schedule sweep-schedule does not exist.', 'get_schedule', Name='sweep-schedule', GroupName='sweep-group')
fails('ResourceNotFoundException', 404, 'Schedule group sweep-group does not exist.', 'delete_schedule_group', Name='sweep-group')
fails('ValidationException', 400, 'You cannot delete the default group.', 'delete_schedule_group', Name='default')
assert 'sweep-group' not in [g['Name'] for g in scheduler.list_schedule_groups()['ScheduleGroups']]

print('ok %d operations %d errors' % (len(operations), len(errors)))
