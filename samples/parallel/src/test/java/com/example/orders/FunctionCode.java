package com.example.orders;

import software.amazon.awssdk.core.SdkBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A Lambda deployment package built in the test: inline Node.js or Python source, or one of the project's classes. */
record FunctionCode(String runtime, String handler, SdkBytes zip) {
    /** Answers which deployment ran (its OWNER variable) and echoes the event's orderId. */
    static final FunctionCode NODE_OWNER = node(
            "exports.handler = async (event) => ({ owner: process.env.OWNER, orderId: event.orderId });\n");
    static final FunctionCode PYTHON_OWNER = python("""
            import os
            def handler(event, context):
                return {'owner': os.environ['OWNER'], 'orderId': event.get('orderId')}
            """);

    private static final Pattern OWNER = Pattern.compile("\"owner\"\\s*:\\s*\"([^\"]*)\"");

    static FunctionCode node(String source) {
        return new FunctionCode("nodejs20.x", "index.handler", zip("index.js", source.getBytes(StandardCharsets.UTF_8)));
    }

    static FunctionCode python(String source) {
        return new FunctionCode("python3.11", "lambda_function.handler",
                zip("lambda_function.py", source.getBytes(StandardCharsets.UTF_8)));
    }

    /** The project's own handler class, compiled by Maven, on the java17 runtime. */
    static FunctionCode java(Class<?> handler) {
        String entry = handler.getName().replace('.', '/') + ".class";
        try {
            Path classes = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new FunctionCode("java17", handler.getName() + "::handleRequest",
                    zip(entry, Files.readAllBytes(classes.resolve(entry))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The "owner" member of a JSON document (a function's answer, a stored object, a message). */
    static String ownerIn(String json) {
        Matcher owner = OWNER.matcher(json);
        if (!owner.find()) {
            throw new AssertionError("no owner in " + json);
        }
        return owner.group(1);
    }

    static SdkBytes zip(String entry, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
