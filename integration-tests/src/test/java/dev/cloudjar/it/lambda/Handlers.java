package dev.cloudjar.it.lambda;

import software.amazon.awssdk.core.SdkBytes;

import java.util.Map;

/**
 * The same small function in each runtime: it counts its invocations in process memory, returns
 * the count, its process id and a greeting, and throws when the event has "fail".
 */
public record Handlers(String runtime, String handler, SdkBytes code, String errorType) {

    public static Handlers node() {
        return new Handlers("nodejs20.x", "index.handler", FunctionPackages.file("index.js", """
                let count = 0;
                exports.handler = async (event) => {
                  count++;
                  if (event.fail) throw new Error('boom ' + event.fail);
                  if (event.exit) process.exit(event.exit);
                  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
                  console.log('invoked', count);
                  return { count, pid: process.pid, greeting: 'hello ' + event.name };
                };
                """), "Error");
    }

    public static Handlers python() {
        return new Handlers("python3.11", "lambda_function.handler", FunctionPackages.file("lambda_function.py", """
                import os
                import time
                count = 0
                def handler(event, context):
                    global count
                    count += 1
                    if event.get('fail'):
                        raise ValueError('boom ' + event['fail'])
                    if event.get('sleepMs'):
                        time.sleep(event['sleepMs'] / 1000)
                    print('invoked', count)
                    return {'count': count, 'pid': os.getpid(), 'greeting': 'hello ' + str(event.get('name'))}
                """), "ValueError");
    }

    public static Handlers java() {
        return new Handlers("java17", "example.Hello::handleRequest", FunctionPackages.java(Map.of("example.Hello", """
                package example;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.LinkedHashMap;
                import java.util.Map;

                public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    private static int count;

                    @Override
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        count++;
                        if (event.get("fail") != null) {
                            throw new IllegalStateException("boom " + event.get("fail"));
                        }
                        if (event.get("sleepMs") != null) {
                            try {
                                Thread.sleep(((Number) event.get("sleepMs")).longValue());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        context.getLogger().log("invoked " + count);
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("count", count);
                        result.put("pid", ProcessHandle.current().pid());
                        result.put("greeting", "hello " + event.get("name"));
                        return result;
                    }
                }
                """)), "java.lang.IllegalStateException");
    }

    /** A custom runtime as AWS's tutorial writes one: a shell loop over the Runtime API with curl. */
    public static Handlers provided() {
        return new Handlers("provided.al2023", "unused", FunctionPackages.file("bootstrap", """
                #!/bin/sh
                set -eu
                API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
                COUNT=0
                while true; do
                  HEADERS="$(mktemp)"
                  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
                  REQUEST_ID="$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)"
                  rm -f "$HEADERS"
                  COUNT=$((COUNT + 1))
                  case "$EVENT" in
                    *fail*) curl -sS -o /dev/null -X POST -H 'Lambda-Runtime-Function-Error-Type: ScriptError' \\
                              -d '{"errorMessage":"boom from bootstrap","errorType":"ScriptError"}' "$API/invocation/$REQUEST_ID/error" ;;
                    *) echo "invoked $COUNT"
                       curl -sS -o /dev/null -X POST -d "{\\"count\\":$COUNT,\\"pid\\":$$,\\"greeting\\":\\"hello cloudjar\\"}" \\
                              "$API/invocation/$REQUEST_ID/response" ;;
                  esac
                done
                """), "ScriptError");
    }
}
