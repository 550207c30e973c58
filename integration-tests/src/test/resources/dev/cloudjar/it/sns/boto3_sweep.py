# Every SNS operation Cloudjar implements, through boto3, with the main error of each where the SDK v2 tests check one.
# The endpoint comes from CLOUDJAR_ENDPOINT; the last line printed is "ok N operations M errors".
import base64, json, os, queue, threading, urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
import boto3
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

kw = dict(endpoint_url=os.environ['CLOUDJAR_ENDPOINT'], region_name='us-east-1',
          aws_access_key_id='test', aws_secret_access_key='test')
sns = boto3.client('sns', **kw)
sqs = boto3.client('sqs', **kw)
operations = set()
errors = []


def call(name, **params):
    operations.add(name)
    return getattr(sns, name)(**params)


def fails(code, status, message, name, **params):
    try:
        getattr(sns, name)(**params)
    except ClientError as e:
        got = (e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
        assert got == (code, status), (name, got, e.response['Error'])
        assert message is None or e.response['Error']['Message'] == message, (name, e.response['Error'])
        errors.append((name, code))
        return
    raise AssertionError(name + ' did not fail with ' + code)


def verify(message):
    """Checks a message's signature as AWS documents it (SignatureVersion 1: SHA1withRSA over Key\\nValue\\n lines)."""
    keys = {'Notification': ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
            'SubscriptionConfirmation': ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']}
    signed = ''.join('%s\n%s\n' % (k, message[k]) for k in keys[message['Type']] if k in message)
    assert message['SignatureVersion'] == '1', message
    certificate = x509.load_pem_x509_certificate(urllib.request.urlopen(message['SigningCertURL']).read())
    certificate.public_key().verify(base64.b64decode(message['Signature']), signed.encode(), padding.PKCS1v15(),
                                    hashes.SHA1())


# A local HTTP endpoint that receives SNS's SubscriptionConfirmation.
posts = queue.Queue()


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        posts.put(json.loads(self.rfile.read(int(self.headers['Content-Length']))))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


server = HTTPServer(('127.0.0.1', 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()

url = sqs.create_queue(QueueName='boto3-sweep')['QueueUrl']
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']

# Topics
topic = call('create_topic', Name='boto3-sweep', Tags=[{'Key': 'team', 'Value': 'core'}])['TopicArn']
assert topic == 'arn:aws:sns:us-east-1:000000000000:boto3-sweep', topic
fifo = call('create_topic', Name='boto3-sweep.fifo', Attributes={'FifoTopic': 'true', 'ContentBasedDeduplication': 'true'})['TopicArn']
assert fifo.endswith(':boto3-sweep.fifo'), fifo
fails('InvalidParameter', 400, 'Invalid parameter: Topic Name', 'create_topic', Name='no spaces allowed')
assert topic in [t['TopicArn'] for t in call('list_topics')['Topics']]
fails('InvalidParameter', 400, 'Invalid parameter: NextToken', 'list_topics', NextToken='%%%')
attributes = call('get_topic_attributes', TopicArn=topic)['Attributes']
assert attributes['TopicArn'] == topic and attributes['Owner'] == '000000000000', attributes
assert call('get_topic_attributes', TopicArn=fifo)['Attributes']['FifoTopic'] == 'true'
fails('NotFound', 404, 'Topic does not exist', 'get_topic_attributes', TopicArn=topic + '-missing')
call('set_topic_attributes', TopicArn=topic, AttributeName='DisplayName', AttributeValue='Sweep')
assert sns.get_topic_attributes(TopicArn=topic)['Attributes']['DisplayName'] == 'Sweep'
fails('InvalidParameter', 400, 'Invalid parameter: AttributeName', 'set_topic_attributes', TopicArn=topic, AttributeName='Colour', AttributeValue='x')

# Tags
call('tag_resource', ResourceArn=topic, Tags=[{'Key': 'env', 'Value': 'test'}])
tags = {t['Key']: t['Value'] for t in call('list_tags_for_resource', ResourceArn=topic)['Tags']}
assert tags == {'team': 'core', 'env': 'test'}, tags
call('untag_resource', ResourceArn=topic, TagKeys=['team'])
assert sns.list_tags_for_resource(ResourceArn=topic)['Tags'] == [{'Key': 'env', 'Value': 'test'}]
fails('ResourceNotFound', 404, 'Resource does not exist', 'list_tags_for_resource', ResourceArn='arn:aws:sns:us-east-1:000000000000:untagged')
fails('ResourceNotFound', 404, 'Resource does not exist', 'untag_resource', ResourceArn='arn:aws:sns:us-east-1:000000000000:untagged', TagKeys=['k'])
fails('TagLimitExceeded', 400, 'Could not complete request: tag quota of per resource exceeded', 'tag_resource', ResourceArn=topic,
      Tags=[{'Key': 'k%d' % i, 'Value': 'v'} for i in range(50)])

# Subscriptions
sub = call('subscribe', TopicArn=topic, Protocol='sqs', Endpoint=queue_arn,
           Attributes={'RawMessageDelivery': 'true'}, ReturnSubscriptionArn=True)['SubscriptionArn']
assert sub.startswith(topic + ':'), sub
fails('InvalidParameter', 400, 'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon', 'subscribe', TopicArn=topic, Protocol='carrier-pigeon', Endpoint='x')
fails('NotFound', 404, 'Topic does not exist', 'subscribe', TopicArn=topic + '-missing', Protocol='sqs', Endpoint=queue_arn)
hook = 'http://127.0.0.1:%d/hook' % server.server_port
pending = sns.subscribe(TopicArn=topic, Protocol='http', Endpoint=hook, ReturnSubscriptionArn=True)['SubscriptionArn']
confirmation = posts.get(timeout=20)
assert confirmation['Type'] == 'SubscriptionConfirmation' and confirmation['TopicArn'] == topic, confirmation
verify(confirmation)
confirmed = call('confirm_subscription', TopicArn=topic, Token=confirmation['Token'])['SubscriptionArn']
assert confirmed == pending, (confirmed, pending)
fails('InvalidParameter', 400, 'Invalid parameter: Token', 'confirm_subscription', TopicArn=topic, Token='0123456789abcdef')
assert sns.get_subscription_attributes(SubscriptionArn=pending)['Attributes']['PendingConfirmation'] == 'false'
attributes = call('get_subscription_attributes', SubscriptionArn=sub)['Attributes']
assert attributes['RawMessageDelivery'] == 'true' and attributes['Endpoint'] == queue_arn, attributes
call('set_subscription_attributes', SubscriptionArn=sub, AttributeName='FilterPolicy',
     AttributeValue=json.dumps({'colour': ['blue']}))
assert sns.get_subscription_attributes(SubscriptionArn=sub)['Attributes']['FilterPolicy'] == '{"colour": ["blue"]}'
fails('InvalidParameter', 400, 'Invalid parameter: FilterPolicy: failed to parse JSON.', 'set_subscription_attributes', SubscriptionArn=sub, AttributeName='FilterPolicy',
      AttributeValue='[1,')
listed = call('list_subscriptions')['Subscriptions']
assert sub in [s['SubscriptionArn'] for s in listed], listed
by_topic = call('list_subscriptions_by_topic', TopicArn=topic)['Subscriptions']
assert sorted(s['Protocol'] for s in by_topic) == ['http', 'sqs'], by_topic
fails('NotFound', 404, 'Topic does not exist', 'list_subscriptions_by_topic', TopicArn=topic + '-missing')

# Publishing
message_id = call('publish', TopicArn=topic, Message='blue one',
                  MessageAttributes={'colour': {'DataType': 'String', 'StringValue': 'blue'}})['MessageId']
assert len(message_id) == 36, message_id
sns.publish(TopicArn=topic, Message='red one', MessageAttributes={'colour': {'DataType': 'String', 'StringValue': 'red'}})
fails('NotFound', 404, 'Topic does not exist', 'publish', TopicArn=topic + '-missing', Message='m')
fails('InvalidParameter', 400, 'Invalid parameter: Message Structure - JSON message body failed to parse', 'publish', TopicArn=topic, Message='m', MessageStructure='json')
fails('ParameterValueInvalid', 400, "Could not cast message attribute 'n' value to number.", 'publish', TopicArn=topic, Message='m',
      MessageAttributes={'n': {'DataType': 'Number', 'StringValue': 'not a number'}})
fails('InvalidParameter', 400, 'Invalid parameter: Subject', 'publish', TopicArn=topic, Message='m', Subject='line\nbreak')
fails('InvalidParameter', 400, 'Invalid parameter: Message too long', 'publish', TopicArn=topic, Message='x' * 262145)
# The HTTP subscriber has no filter: it gets both, in either order (deliveries run concurrently).
notifications = [posts.get(timeout=20), posts.get(timeout=20)]
assert sorted((n['Type'], n['Message'], n['TopicArn']) for n in notifications) \
       == [('Notification', 'blue one', topic), ('Notification', 'red one', topic)], notifications
for n in notifications:
    verify(n)
batch = call('publish_batch', TopicArn=topic, PublishBatchRequestEntries=[
    {'Id': 'a', 'Message': 'batched', 'MessageAttributes': {'colour': {'DataType': 'String', 'StringValue': 'blue'}}},
    {'Id': 'b', 'Message': 'also batched'}])
assert sorted(s['Id'] for s in batch['Successful']) == ['a', 'b'] and batch.get('Failed', []) == [], batch
fifo_batch = sns.publish_batch(TopicArn=fifo, PublishBatchRequestEntries=[{'Id': 'f', 'Message': 'in order'}])
assert fifo_batch['Failed'][0]['Code'] == 'InvalidParameter' and fifo_batch['Failed'][0]['SenderFault'], fifo_batch
fails('TooManyEntriesInBatchRequest', 400, 'The batch request contains more entries than permissible. 11 entries were sent; at most 10 are allowed.', 'publish_batch', TopicArn=topic,
      PublishBatchRequestEntries=[{'Id': 'e%d' % i, 'Message': 'm'} for i in range(11)])
fails('BatchEntryIdsNotDistinct', 400, 'Two or more batch entries in the request have the same Id.', 'publish_batch', TopicArn=topic,
      PublishBatchRequestEntries=[{'Id': 'same', 'Message': 'a'}, {'Id': 'same', 'Message': 'b'}])
fails('InvalidBatchEntryId', 400, 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.', 'publish_batch', TopicArn=topic,
      PublishBatchRequestEntries=[{'Id': 'no spaces', 'Message': 'a'}])
fails('NotFound', 404, 'Topic does not exist', 'publish_batch', TopicArn=topic + '-missing', PublishBatchRequestEntries=[{'Id': 'a', 'Message': 'a'}])

# Only the blue messages passed the raw subscription's filter, without the SNS envelope.
bodies = []
while len(bodies) < 2:
    bodies += [m['Body'] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=5).get('Messages', [])]
assert sorted(bodies) == ['batched', 'blue one'], bodies
assert 'Messages' not in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1), 'red got through'

# Unsubscribing and deleting
call('unsubscribe', SubscriptionArn=sub)
fails('NotFound', 404, 'Subscription does not exist', 'get_subscription_attributes', SubscriptionArn=sub)
fails('InvalidParameter', 400, 'Invalid parameter: SubscriptionArn', 'unsubscribe', SubscriptionArn=topic)
call('delete_topic', TopicArn=topic)
sns.delete_topic(TopicArn=fifo)
assert topic not in [t['TopicArn'] for t in sns.list_topics()['Topics']]
fails('InvalidParameter', 400, 'Invalid parameter: TopicArn', 'delete_topic', TopicArn='not-an-arn')
server.shutdown()

print('ok %d operations %d errors' % (len(operations), len(errors)))
