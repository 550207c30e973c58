// Cloudjar's Node.js runtime client: loads the handler named by _HANDLER ("file.function") from
// LAMBDA_TASK_ROOT (CommonJS or ES module; async or callback style) and serves invocations
// through the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API, answering errors in the Node.js
// runtime's JSON form (errorType, errorMessage, trace).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const slash = api.indexOf('/');
const [hostname, port] = (slash < 0 ? api : api.slice(0, slash)).split(':');
const base = (slash < 0 ? '' : api.slice(slash)) + '/2018-06-01/runtime';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: base + urlPath, method, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function errorDocument(error) {
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    errorType: err.name || 'Error',
    errorMessage: err.message,
    trace: (err.stack || '').split('\n'),
  };
}

function postError(urlPath, document) {
  return call('POST', urlPath, JSON.stringify(document), {
    'Content-Type': 'application/json',
    'Lambda-Runtime-Function-Error-Type': document.errorType,
  });
}

let currentRequestId;
// As the Node.js runtime does: console lines carry the time, request id and level.
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG']]) {
  console[method] = (...args) => {
    const text = format(...args).replace(/\n/g, '\r');
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${text}\n`);
  };
}

async function loadHandler() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const name = process.env._HANDLER || '';
  const dot = name.lastIndexOf('.');
  const moduleName = name.slice(0, dot);
  const functionName = name.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => path.resolve(taskRoot, moduleName + ext)).find((f) => fs.existsSync(f));
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${moduleName}'`), { name: 'Runtime.ImportModuleError' });
  }
  const module = await import(pathToFileURL(file).href);
  const handler = module[functionName] ?? module.default?.[functionName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${name} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return handler;
}

function invoke(handler, event, context) {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const result = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
      if (result && typeof result.then === 'function') {
        result.then(resolve, reject);
      }
    });
  }
  return Promise.resolve().then(() => handler(event, context));
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const document = errorDocument(error);
    console.error(`${document.errorType}: ${document.errorMessage}`);
    await postError('/init/error', document);
    process.exit(1);
  }
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    const deadline = Number(next.headers['lambda-runtime-deadline-ms']);
    currentRequestId = requestId;
    const clientContext = next.headers['lambda-runtime-client-context'];
    const context = {
      awsRequestId: requestId,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      clientContext: clientContext ? JSON.parse(clientContext) : undefined,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    try {
      const event = next.body.length ? JSON.parse(next.body.toString('utf8')) : undefined;
      const result = await invoke(handler, event, context);
      await call('POST', `/invocation/${requestId}/response`, JSON.stringify(result === undefined ? null : result));
    } catch (error) {
      const document = errorDocument(error);
      console.error(`Invoke Error \t${JSON.stringify(document)}`);
      await postError(`/invocation/${requestId}/error`, document);
    }
  }
}

main();
