# Every EventBridge operation Cloudjar implements, through boto3, with the main error of each where the SDK v2 tests
# check one. The endpoint comes from CLOUDJAR_ENDPOINT; the last line printed is "ok N operations M errors".
import datetime, json, os, time
import boto3
from botocore.exceptions import ClientError

kw = dict(endpoint_url=os.environ['CLOUDJAR_ENDPOINT'], region_name='us-east-1',
          aws_access_key_id='test', aws_secret_access_key='test')
events = boto3.client('events', **kw)
sqs = boto3.client('sqs', **kw)
operations = set()
errors = []


def call(name, **params):
    operations.add(name)
    return getattr(events, name)(**params)


def fails(code, status, message, name, **params):
    try:
        getattr(events, name)(**params)
    except ClientError as e:
        got = (e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
        assert got == (code, status), (name, got, e.response['Error'])
        assert message is None or e.response['Error']['Message'] == message, (name, e.response['Error'])
        errors.append((name, code))
        return e.response['Error']
    raise AssertionError(name + ' did not fail with ' + code)


def receive(url, count):
    bodies = []
    deadline = time.time() + 20
    while len(bodies) < count and time.time() < deadline:
        bodies += [m['Body'] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                                          WaitTimeSeconds=2).get('Messages', [])]
    assert len(bodies) == count, bodies
    return bodies


url = sqs.create_queue(QueueName='boto3-events-sweep')['QueueUrl']
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
ARN = 'arn:aws:events:us-east-1:000000000000:'

# Buses
bus_arn = call('create_event_bus', Name='sweep-bus', Tags=[{'Key': 'team', 'Value': 'core'}])['EventBusArn']
assert bus_arn == ARN + 'event-bus/sweep-bus', bus_arn
fails('ResourceAlreadyExistsException', 400, 'Event bus sweep-bus already exists.', 'create_event_bus', Name='sweep-bus')
described = call('describe_event_bus', Name='sweep-bus')
assert described['Name'] == 'sweep-bus' and described['Arn'] == bus_arn, described
fails('ResourceNotFoundException', 400, 'Event bus sweep-nowhere does not exist.', 'describe_event_bus', Name='sweep-nowhere')
names = [b['Name'] for b in call('list_event_buses')['EventBuses']]
assert 'default' in names and 'sweep-bus' in names, names

# Rules and targets
rule_arn = call('put_rule', Name='sweep-rule', EventBusName='sweep-bus',
                EventPattern=json.dumps({'source': ['shop'], 'detail': {'total': [{'numeric': ['>', 10]}]}}))['RuleArn']
assert rule_arn == ARN + 'rule/sweep-bus/sweep-rule', rule_arn
fails('ValidationException', 400, 'Parameter ScheduleExpression is not valid.', 'put_rule', Name='sweep-bad', ScheduleExpression='rate(1 minutes)')
fails('ResourceNotFoundException', 400, 'Event bus sweep-nowhere does not exist.', 'put_rule', Name='sweep-bad', EventBusName='sweep-nowhere',
      EventPattern=json.dumps({'source': ['a']}))
rule = call('describe_rule', Name='sweep-rule', EventBusName='sweep-bus')
assert rule['State'] == 'ENABLED' and rule['Arn'] == rule_arn and rule['EventBusName'] == 'sweep-bus', rule
fails('ResourceNotFoundException', 400, 'Rule sweep-missing does not exist on EventBus default.', 'describe_rule', Name='sweep-missing')
call('disable_rule', Name='sweep-rule', EventBusName='sweep-bus')
assert events.describe_rule(Name='sweep-rule', EventBusName='sweep-bus')['State'] == 'DISABLED'
call('enable_rule', Name='sweep-rule', EventBusName='sweep-bus')
assert events.describe_rule(Name='sweep-rule', EventBusName='sweep-bus')['State'] == 'ENABLED'
fails('ResourceNotFoundException', 400, 'Rule sweep-missing does not exist on EventBus default.', 'enable_rule', Name='sweep-missing')
fails('ResourceNotFoundException', 400, 'Rule sweep-missing does not exist on EventBus default.', 'disable_rule', Name='sweep-missing')
assert [r['Name'] for r in call('list_rules', EventBusName='sweep-bus', NamePrefix='sweep')['Rules']] == ['sweep-rule']
put = call('put_targets', Rule='sweep-rule', EventBusName='sweep-bus', Targets=[{
    'Id': 'queue', 'Arn': queue_arn,
    'InputTransformer': {'InputPathsMap': {'total': '$.detail.total'}, 'InputTemplate': '{"paid": <total>}'}}])
assert put['FailedEntryCount'] == 0 and put['FailedEntries'] == [], put
fails('ResourceNotFoundException', 400, 'Rule sweep-missing does not exist on EventBus default.', 'put_targets', Rule='sweep-missing', Targets=[{'Id': 't', 'Arn': queue_arn}])
fails('ValidationException', 400, 'Parameter Input is not valid. Reason: Input must be valid JSON text.', 'put_targets', Rule='sweep-rule', EventBusName='sweep-bus',
      Targets=[{'Id': 't', 'Arn': queue_arn, 'Input': '{'}])
fails('LimitExceededException', 400, 'The requested resource exceeds the maximum number allowed.', 'put_targets',
      Rule='sweep-rule', EventBusName='sweep-bus', Targets=[{'Id': 't%d' % i, 'Arn': queue_arn} for i in range(6)])
fails('ValidationException', 400, 'Parameter(s) SqsParameters must be specified for target: fifo.', 'put_targets',
      Rule='sweep-rule', EventBusName='sweep-bus', Targets=[{'Id': 'fifo', 'Arn': queue_arn + '.fifo'}])
targets = call('list_targets_by_rule', Rule='sweep-rule', EventBusName='sweep-bus')['Targets']
assert [(t['Id'], t['Arn'], t['InputTransformer']['InputTemplate']) for t in targets] \
       == [('queue', queue_arn, '{"paid": <total>}')], targets
fails('ResourceNotFoundException', 400, 'Rule sweep-missing does not exist on EventBus default.', 'list_targets_by_rule', Rule='sweep-missing')
fails('ValidationException', 400, "Rule can't be deleted since it has targets.", 'delete_rule', Name='sweep-rule', EventBusName='sweep-bus')

# Pattern testing
assert call('test_event_pattern', EventPattern=json.dumps({'source': ['shop']}), Event=json.dumps({
    'id': '1', 'account': '000000000000', 'source': 'shop', 'time': '2026-01-01T00:00:00Z', 'region': 'us-east-1',
    'resources': [], 'detail-type': 'Order Placed', 'detail': {}}))['Result'] is True
fails('ValidationException', 400, 'Parameter Event is not valid.', 'test_event_pattern', EventPattern=json.dumps({'source': ['shop']}),
      Event=json.dumps({'source': 'shop'}))

# Archives (before the events, so that it keeps them)
archive_arn = call('create_archive', ArchiveName='sweep-archive', EventSourceArn=bus_arn)['ArchiveArn']
assert archive_arn == ARN + 'archive/sweep-archive', archive_arn
fails('ResourceAlreadyExistsException', 400, 'Archive sweep-archive already exists.', 'create_archive', ArchiveName='sweep-archive', EventSourceArn=bus_arn)
fails('ResourceNotFoundException', 400, 'Event bus sweep-nowhere does not exist.', 'create_archive', ArchiveName='sweep-other',
      EventSourceArn=ARN + 'event-bus/sweep-nowhere')

# Events: the big order passes the numeric pattern and is transformed; the small one does not
start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
sent = call('put_events', Entries=[
    {'EventBusName': 'sweep-bus', 'Source': 'shop', 'DetailType': 'Order Placed', 'Detail': json.dumps({'total': 42})},
    {'EventBusName': 'sweep-bus', 'Source': 'shop', 'DetailType': 'Order Placed', 'Detail': json.dumps({'total': 3})},
    {'EventBusName': 'sweep-bus', 'Source': 'shop', 'DetailType': 'Order Placed', 'Detail': 'not json'}])
assert sent['FailedEntryCount'] == 1 and all('EventId' in e for e in sent['Entries'][:2]), sent
assert sent['Entries'][2]['ErrorCode'] == 'MalformedDetail', sent
fails('ValidationException', 400, None, 'put_events', Entries=[{'Source': 's', 'DetailType': 'd', 'Detail': '{}'}] * 11)
assert [json.loads(b) for b in receive(url, 1)] == [{'paid': 42}]

archive = call('describe_archive', ArchiveName='sweep-archive')
assert archive['ArchiveArn'] == archive_arn and archive['EventSourceArn'] == bus_arn and archive['State'] == 'ENABLED', archive
fails('ResourceNotFoundException', 400, 'Archive sweep-missing does not exist.', 'describe_archive', ArchiveName='sweep-missing')
call('update_archive', ArchiveName='sweep-archive', Description='kept', RetentionDays=3)
archive = events.describe_archive(ArchiveName='sweep-archive')
assert archive['Description'] == 'kept' and archive['RetentionDays'] == 3 and archive['EventCount'] == 2, archive
fails('ResourceNotFoundException', 400, 'Archive sweep-missing does not exist.', 'update_archive', ArchiveName='sweep-missing', Description='x')
assert [a['ArchiveName'] for a in call('list_archives', NamePrefix='sweep')['Archives']] == ['sweep-archive']
fails('ValidationException', 400, 'At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.', 'list_archives', NamePrefix='sweep', State='ENABLED')

# Replays: the archived big order comes to the queue again
end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=1)
replay = call('start_replay', ReplayName='sweep-replay', EventSourceArn=archive_arn, EventStartTime=start,
              EventEndTime=end, Destination={'Arn': bus_arn})
assert replay['ReplayArn'] == ARN + 'replay/sweep-replay' and replay['State'] == 'STARTING', replay
fails('ResourceAlreadyExistsException', 400, 'Replay sweep-replay already exists.', 'start_replay', ReplayName='sweep-replay', EventSourceArn=archive_arn,
      EventStartTime=start, EventEndTime=end, Destination={'Arn': bus_arn})
fails('ValidationException', 400, 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.', 'start_replay', ReplayName='sweep-backwards', EventSourceArn=archive_arn,
      EventStartTime=end, EventEndTime=start, Destination={'Arn': bus_arn})
assert [json.loads(b) for b in receive(url, 1)] == [{'paid': 42}]
deadline = time.time() + 20
while call('describe_replay', ReplayName='sweep-replay')['State'] != 'COMPLETED' and time.time() < deadline:
    time.sleep(0.1)
described = events.describe_replay(ReplayName='sweep-replay')
assert described['State'] == 'COMPLETED' and described['EventSourceArn'] == archive_arn, described
fails('ResourceNotFoundException', 400, 'Replay sweep-missing does not exist.', 'describe_replay', ReplayName='sweep-missing')
assert [r['ReplayName'] for r in call('list_replays', NamePrefix='sweep')['Replays']] == ['sweep-replay']
fails('ValidationException', 400, 'At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.', 'list_replays', NamePrefix='sweep', EventSourceArn=archive_arn)
fails('IllegalStatusException', 400, 'Replay sweep-replay is not in a valid state for this operation.', 'cancel_replay', ReplayName='sweep-replay')
fails('ResourceNotFoundException', 400, 'Replay sweep-missing does not exist.', 'cancel_replay', ReplayName='sweep-missing')
# A replay just started is cancelled, unless it has finished already (it replays one event).
events.start_replay(ReplayName='sweep-cancelled', EventSourceArn=archive_arn, EventStartTime=start,
                    EventEndTime=end, Destination={'Arn': bus_arn})
try:
    assert call('cancel_replay', ReplayName='sweep-cancelled')['State'] == 'CANCELLING'
except ClientError as e:
    assert e.response['Error']['Code'] == 'IllegalStatusException', e.response

# Tags
call('tag_resource', ResourceARN=rule_arn, Tags=[{'Key': 'env', 'Value': 'test'}, {'Key': 'team', 'Value': 'core'}])
call('untag_resource', ResourceARN=rule_arn, TagKeys=['team'])
assert call('list_tags_for_resource', ResourceARN=rule_arn)['Tags'] == [{'Key': 'env', 'Value': 'test'}]
assert events.list_tags_for_resource(ResourceARN=bus_arn)['Tags'] == [{'Key': 'team', 'Value': 'core'}]
fails('ResourceNotFoundException', 400, 'Rule gone does not exist on EventBus default.', 'tag_resource', ResourceARN=ARN + 'rule/gone', Tags=[{'Key': 'k', 'Value': 'v'}])

# Bus permissions
call('put_permission', EventBusName='sweep-bus', Action='events:PutEvents', Principal='111122223333', StatementId='s1')
policy = json.loads(events.describe_event_bus(Name='sweep-bus')['Policy'])
assert [s['Sid'] for s in policy['Statement']] == ['s1'], policy
fails('ResourceNotFoundException', 400, 'Event bus sweep-nowhere does not exist.', 'put_permission', EventBusName='sweep-nowhere', Action='events:PutEvents',
      Principal='111122223333', StatementId='s1')
call('remove_permission', EventBusName='sweep-bus', StatementId='s1')
assert 'Policy' not in events.describe_event_bus(Name='sweep-bus')
fails('ResourceNotFoundException', 400, 'EventBus does not have a policy.', 'remove_permission', EventBusName='sweep-bus', StatementId='s1')

# Connections
connection = call('create_connection', Name='sweep-connection', AuthorizationType='BASIC',
                  AuthParameters={'BasicAuthParameters': {'Username': 'shop', 'Password': 's3cret'}})
assert connection['ConnectionState'] == 'AUTHORIZED' and connection['ConnectionArn'].startswith(
    ARN + 'connection/sweep-connection/'), connection
connection_arn = connection['ConnectionArn']
fails('ResourceAlreadyExistsException', 400, 'Connection sweep-connection already exists.', 'create_connection', Name='sweep-connection', AuthorizationType='BASIC',
      AuthParameters={'BasicAuthParameters': {'Username': 'shop', 'Password': 's3cret'}})
described = call('describe_connection', Name='sweep-connection')
assert described['AuthParameters']['BasicAuthParameters'] == {'Username': 'shop'}, described
assert described['ConnectionArn'] == connection_arn and described['AuthorizationType'] == 'BASIC', described
fails('ResourceNotFoundException', 400, "Failed to describe the connection(s). Connection 'sweep-missing' does not exist.", 'describe_connection', Name='sweep-missing')
call('update_connection', Name='sweep-connection', Description='rotated',
     AuthParameters={'BasicAuthParameters': {'Username': 'shop', 'Password': 'n3w'}})
assert events.describe_connection(Name='sweep-connection')['Description'] == 'rotated'
assert [c['Name'] for c in call('list_connections', NamePrefix='sweep')['Connections']] == ['sweep-connection']

# API destinations
destination = call('create_api_destination', Name='sweep-destination', ConnectionArn=connection_arn,
                   InvocationEndpoint='https://example.com/orders/*', HttpMethod='POST')
destination_arn = destination['ApiDestinationArn']
assert destination_arn.startswith(ARN + 'api-destination/sweep-destination/'), destination
assert destination['ApiDestinationState'] == 'ACTIVE', destination
fails('ResourceAlreadyExistsException', 400, "An api-destination 'sweep-destination' already exists.", 'create_api_destination', Name='sweep-destination',
      ConnectionArn=connection_arn, InvocationEndpoint='https://example.com/', HttpMethod='POST')
described = call('describe_api_destination', Name='sweep-destination')
assert described['InvocationRateLimitPerSecond'] == 300 and described['ConnectionArn'] == connection_arn, described
fails('ResourceNotFoundException', 400, "Failed to describe the api-destination(s). An api-destination 'sweep-missing' does not exist.", 'describe_api_destination', Name='sweep-missing')
call('update_api_destination', Name='sweep-destination', HttpMethod='PUT', InvocationRateLimitPerSecond=10)
described = events.describe_api_destination(Name='sweep-destination')
assert described['HttpMethod'] == 'PUT' and described['InvocationRateLimitPerSecond'] == 10, described
assert [d['ApiDestinationArn'] for d in call('list_api_destinations', ConnectionArn=connection_arn)['ApiDestinations']] \
       == [destination_arn]
call('delete_api_destination', Name='sweep-destination')
fails('ResourceNotFoundException', 400, "Failed to delete the api-destination(s). An api-destination 'sweep-destination' does not exist.", 'delete_api_destination', Name='sweep-destination')
assert call('deauthorize_connection', Name='sweep-connection')['ConnectionState'] == 'DEAUTHORIZING'
assert events.describe_connection(Name='sweep-connection')['ConnectionState'] == 'DEAUTHORIZED'
assert call('delete_connection', Name='sweep-connection')['ConnectionState'] == 'DELETING'
fails('ResourceNotFoundException', 400, "Failed to delete the connection(s). Connection 'sweep-connection' does not exist.", 'delete_connection', Name='sweep-connection')

# Cleaning up
removed = call('remove_targets', Rule='sweep-rule', EventBusName='sweep-bus', Ids=['queue'])
assert removed['FailedEntryCount'] == 0, removed
fails('ResourceNotFoundException', 400, 'Rule sweep-missing does not exist on EventBus default.', 'remove_targets', Rule='sweep-missing', Ids=['t'])
call('delete_rule', Name='sweep-rule', EventBusName='sweep-bus')
fails('ResourceNotFoundException', 400, 'Rule sweep-rule does not exist on EventBus sweep-bus.', 'describe_rule', Name='sweep-rule', EventBusName='sweep-bus')
call('delete_archive', ArchiveName='sweep-archive')
fails('ResourceNotFoundException', 400, 'Archive sweep-archive does not exist.', 'delete_archive', ArchiveName='sweep-archive')
call('delete_event_bus', Name='sweep-bus')
fails('ValidationException', 400, 'Cannot delete event bus default.', 'delete_event_bus', Name='default')
assert 'sweep-bus' not in [b['Name'] for b in events.list_event_buses()['EventBuses']]

print('ok %d operations %d errors' % (len(operations), len(errors)))
