package dev.cloudjar.lambda.runtime.client;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cloudjar's Java runtime client, run in the function's own JVM (JDK and aws-lambda-java-core
 * only): loads the handler named by _HANDLER ({@code package.Class::method} or
 * {@code package.Class}) — a {@link RequestHandler}, a {@link RequestStreamHandler} or any method
 * taking an event (POJO, Map, String...) and optionally a {@link Context} — and serves
 * invocations through the Lambda Runtime API.
 */
public final class JavaRuntimeClient {
    private final String base;
    private final Handler handler;

    /** A loaded handler: the event in (raw JSON), the result out (raw JSON). */
    private interface Handler {
        byte[] handle(byte[] event, Context context) throws Throwable;
    }

    private JavaRuntimeClient(String base, Handler handler) {
        this.base = base;
        this.handler = handler;
    }

    public static void main(String[] args) throws IOException {
        String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime";
        Handler handler;
        try {
            handler = load(System.getenv("_HANDLER"));
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            System.err.println("Error loading handler: " + cause);
            post(base + "/init/error", error(cause), cause.getClass().getName());
            System.exit(1);
            return;
        }
        new JavaRuntimeClient(base, handler).serve();
    }

    private void serve() throws IOException {
        while (true) {
            HttpURLConnection next = (HttpURLConnection) new URL(base + "/invocation/next").openConnection();
            next.setReadTimeout(0);
            byte[] event;
            try (InputStream in = next.getInputStream()) {
                event = in.readAllBytes();
            }
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            Context context = new LambdaContext(requestId, next.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                    Long.parseLong(next.getHeaderField("Lambda-Runtime-Deadline-Ms")));
            try {
                byte[] result = handler.handle(event, context);
                post(base + "/invocation/" + requestId + "/response", result, null);
            } catch (Throwable e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                cause.printStackTrace(System.out);
                post(base + "/invocation/" + requestId + "/error", error(cause), cause.getClass().getName());
            }
        }
    }

    /** The error document of Lambda's Java runtime. */
    private static byte[] error(Throwable e) {
        List<Object> trace = new ArrayList<>();
        for (StackTraceElement element : e.getStackTrace()) {
            trace.add(element.toString());
        }
        return Json.write(Map.of("errorMessage", String.valueOf(e.getMessage()), "errorType", e.getClass().getName(),
                "stackTrace", trace));
    }

    private static void post(String url, byte[] body, String errorType) throws IOException {
        System.out.flush();
        System.err.flush();
        HttpURLConnection post = (HttpURLConnection) new URL(url).openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(body.length);
        post.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) {
            post.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        }
        try (OutputStream out = post.getOutputStream()) {
            out.write(body);
        }
        try (InputStream in = post.getResponseCode() >= 400 ? post.getErrorStream() : post.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    private static Handler load(String name) throws ReflectiveOperationException {
        int colons = name.indexOf("::");
        String className = colons < 0 ? name : name.substring(0, colons);
        String methodName = colons < 0 ? "handleRequest" : name.substring(colons + 2);
        Class<?> type = Class.forName(className, true, JavaRuntimeClient.class.getClassLoader());
        Object instance = Modifier.isAbstract(type.getModifiers()) ? null : type.getDeclaredConstructor().newInstance();
        if (instance instanceof RequestStreamHandler stream && colons < 0) {
            return (event, context) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            };
        }
        Method method = handlerMethod(type, methodName);
        method.setAccessible(true);
        Class<?>[] parameters = method.getParameterTypes();
        Object target = Modifier.isStatic(method.getModifiers()) ? null : instance;
        if (parameters.length == 3 && parameters[0] == InputStream.class) {
            return (event, context) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.invoke(target, new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            };
        }
        Type eventType = parameters.length == 0 ? Object.class : method.getGenericParameterTypes()[0];
        return (event, context) -> {
            Object[] values = new Object[parameters.length];
            if (parameters.length > 0) {
                values[0] = Json.convert(Json.parse(new String(event, StandardCharsets.UTF_8)), eventType);
            }
            if (parameters.length > 1) {
                values[1] = context;
            }
            Object result = method.invoke(target, values);
            return method.getReturnType() == void.class ? "null".getBytes(StandardCharsets.UTF_8) : Json.write(result);
        };
    }

    /** The handler method: the most specific public one of that name (not a bridge method). */
    private static Method handlerMethod(Class<?> type, String name) throws NoSuchMethodException {
        Method best = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && !m.isBridge() && m.getParameterCount() <= 3
                    && (best == null || m.getParameterCount() > best.getParameterCount())) {
                best = m;
            }
        }
        if (best == null) {
            throw new NoSuchMethodException("No public method named " + name + " on " + type.getName());
        }
        return best;
    }
}
