package dev.cloudjar.it.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.cloudjar.it.fixtures.Processes;
import software.amazon.awssdk.core.SdkBytes;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Deployment packages built inside the tests: Node.js, Python, a provided bootstrap, a compiled Java handler. */
public final class FunctionPackages {
    private FunctionPackages() {
    }

    public static SdkBytes zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    public static SdkBytes file(String name, String content) {
        return zip(Map.of(name, content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compiles Java sources (class name → source) against aws-lambda-java-core and zips the classes. */
    public static SdkBytes java(Map<String, String> sources) {
        return java(sources, null, 17);
    }

    /**
     * Compiles for {@code release} with the {@code javac} of another JDK ({@code jdkHome}), or with
     * this JVM's compiler when {@code jdkHome} is null.
     */
    public static SdkBytes java(Map<String, String> sources, Path jdkHome, int release) {
        try {
            Path dir = Files.createTempDirectory("cloudjar-java-fn");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = dir.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            Path classes = Files.createDirectories(dir.resolve("classes"));
            String lambdaCore = Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", lambdaCore, "--release",
                    String.valueOf(release)));
            args.addAll(files);
            if (jdkHome == null) {
                JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
                ByteArrayOutputStream errors = new ByteArrayOutputStream();
                if (compiler.run(null, null, errors, args.toArray(String[]::new)) != 0) {
                    throw new IllegalStateException("handler does not compile: " + errors);
                }
            } else {
                args.add(0, jdkHome.resolve("bin").resolve("javac").toString());
                Processes.Result result = Processes.run(args, Map.of());
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("handler does not compile: " + result.output());
                }
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    entries.put(classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            return zip(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
