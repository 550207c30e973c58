package dev.cloudjar.it.apigateway;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main flow through boto3 and the AWS CLI: a Python function behind ANY /{proxy+}, deployed,
 * called over plain HTTP (urllib), and API Gateway's NotFoundException code.
 */
@Cloudjar
class ApiGatewayToolsTest {

    @Test
    void boto3BuildsAndDeploysAProxyApiToAPythonFunctionAndTheCliListsIt(URI endpoint) throws Exception {
        String script = "import boto3, io, json, urllib.request, zipfile\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "apigw = boto3.client('apigateway', **kw); lam = boto3.client('lambda', **kw)\n"
                + "code = io.BytesIO()\n"
                + "with zipfile.ZipFile(code, 'w') as z:\n"
                + "    z.writestr('app.py', 'import json\\ndef handler(event, context):\\n'\n"
                + "        '    return {\"statusCode\": 200, \"headers\": {\"X-Runtime\": \"python\"},'\n"
                + "        ' \"body\": json.dumps({\"proxy\": event[\"pathParameters\"][\"proxy\"],'\n"
                + "        ' \"name\": event[\"queryStringParameters\"][\"name\"], \"stage\": event[\"requestContext\"][\"stage\"]})}\\n')\n"
                + "fn = lam.create_function(FunctionName='py-proxy', Runtime='python3.11', Handler='app.handler',"
                + " Role='arn:aws:iam::000000000000:role/r', Code={'ZipFile': code.getvalue()})['FunctionArn']\n"
                + "api = apigw.create_rest_api(name='py-api')\n"
                + "root = apigw.get_resources(restApiId=api['id'])['items'][0]['id']\n"
                + "proxy = apigw.create_resource(restApiId=api['id'], parentId=root, pathPart='{proxy+}')['id']\n"
                + "apigw.put_method(restApiId=api['id'], resourceId=proxy, httpMethod='ANY', authorizationType='NONE')\n"
                + "apigw.put_integration(restApiId=api['id'], resourceId=proxy, httpMethod='ANY', type='AWS_PROXY',"
                + " integrationHttpMethod='POST', uri='arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/' + fn + '/invocations')\n"
                + "apigw.create_deployment(restApiId=api['id'], stageName='v1')\n"
                + "r = urllib.request.urlopen('" + endpoint + "/restapis/' + api['id'] + '/v1/_user_request_/hello/world?name=py')\n"
                + "body = json.loads(r.read())\n"
                + "try:\n"
                + "    apigw.get_rest_api(restApiId='missing')\n"
                + "except apigw.exceptions.NotFoundException as e:\n"
                + "    missing = e.response['Error']['Code'] + ' ' + e.response['Error']['Message']\n"
                + "print(r.status, r.headers['X-Runtime'], body['proxy'], body['name'], body['stage'], missing)\n";
        Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("200 python hello/world py v1 NotFoundException Invalid API identifier specified 000000000000:missing",
                python.output().trim());

        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1");
        Processes.Result cli = Processes.run(List.of("aws", "--endpoint-url", endpoint.toString(), "apigateway",
                "get-rest-apis", "--query", "items[].name", "--output", "text"), env);
        assertEquals(0, cli.exitCode(), cli.output());
        assertTrue(cli.output().contains("py-api"), cli.output());
    }
}
