"""Cloudjar's Python runtime client: loads the handler named by _HANDLER ("module.function",
module paths with "/" or ".") from LAMBDA_TASK_ROOT and serves invocations through the Lambda
Runtime API at AWS_LAMBDA_RUNTIME_API, answering errors in the Python runtime's JSON form."""
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
HOST, _, PREFIX = API.partition("/")
BASE = ("/" + PREFIX if PREFIX else "") + "/2018-06-01/runtime"
connection = http.client.HTTPConnection(HOST)


def call(method, path, body=None, headers=None):
    sys.stdout.flush()
    sys.stderr.flush()
    connection.request(method, BASE + path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def error_document(error, request_id=None):
    document = {"errorMessage": str(error), "errorType": type(error).__name__}
    if request_id:
        document["requestId"] = request_id
    document["stackTrace"] = traceback.format_list(traceback.extract_tb(error.__traceback__)[1:])
    return document


def post_error(path, document, error_type):
    call("POST", path, json.dumps(document).encode(), {"Lambda-Runtime-Function-Error-Type": error_type})


class Context:
    def __init__(self, request_id, deadline_ms, arn, client_context):
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = json.loads(client_context) if client_context else None
        self.identity = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def load_handler():
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    name = os.environ.get("_HANDLER", "")
    module_name, _, function_name = name.rpartition(".")
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except Exception as error:
        document = {"errorMessage": "Unable to import module '%s': %s" % (module_name, error),
                    "errorType": "Runtime.ImportModuleError", "stackTrace": []}
        print("[ERROR] Runtime.ImportModuleError: " + document["errorMessage"])
        post_error("/init/error", document, "Runtime.ImportModuleError")
        sys.exit(1)
    handler = getattr(module, function_name, None)
    if handler is None:
        document = {"errorMessage": "Handler '%s' missing on module '%s'" % (function_name, module_name),
                    "errorType": "Runtime.HandlerNotFound", "stackTrace": []}
        post_error("/init/error", document, "Runtime.HandlerNotFound")
        sys.exit(1)
    return handler


def main():
    handler = load_handler()
    while True:
        response, body = call("GET", "/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        context = Context(request_id, int(response.getheader("Lambda-Runtime-Deadline-Ms", "0")),
                          response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
                          response.getheader("Lambda-Runtime-Client-Context"))
        try:
            event = json.loads(body) if body else None
            result = handler(event, context)
            payload = json.dumps(result).encode()
        except Exception as error:
            document = error_document(error, request_id)
            print("[ERROR] %s: %s" % (document["errorType"], document["errorMessage"]))
            post_error("/invocation/%s/error" % request_id, document, document["errorType"])
            continue
        call("POST", "/invocation/%s/response" % request_id, payload)


if __name__ == "__main__":
    main()
