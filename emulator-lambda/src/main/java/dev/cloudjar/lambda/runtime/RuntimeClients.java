package dev.cloudjar.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Cloudjar's runtime clients, written out once per server into a directory the environments
 * run them from: a Python module, a Node.js module, and for Java our client's classes (copied
 * from wherever this module is on the server's class path, a directory or a jar) together with
 * aws-lambda-java-core, whose interfaces Java handlers implement.
 *
 * <p>aws-lambda-java-core is never a class of the server: it travels as a jar resource of this
 * module and is only put on the functions' class path. A server embedded in a test JVM (the
 * JUnit extension's relocated jar) thus neither needs the test's own copy of it nor offers one
 * to the test, and the functions see the real {@code com.amazonaws.services.lambda.runtime}
 * package, never a relocated one. Nothing on the server side loads the client's classes either:
 * they are copied by name.
 */
public final class RuntimeClients {
    private static final String RESOURCES = "dev/cloudjar/lambda/runtime/";
    private static final String JAVA_CLIENT_PACKAGE = "dev/cloudjar/lambda/runtime/client";
    private static final String JAVA_CLIENT_MAIN = "dev.cloudjar.lambda.runtime.client.JavaRuntimeClient";
    private static final String LAMBDA_JAVA_CORE = "java/aws-lambda-java-core.jar";

    private final Path root;

    private RuntimeClients(Path root) {
        this.root = root;
    }

    public static RuntimeClients writeTo(Path root) {
        try {
            copyResource("python/cloudjar_runtime.py", root);
            copyResource("node/cloudjar_runtime.mjs", root);
            copyResource(LAMBDA_JAVA_CORE, root);
            copyPackage(JAVA_CLIENT_PACKAGE, root.resolve("java/classes"));
            return new RuntimeClients(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Lambda runtime clients", e);
        }
    }

    public Path python() {
        return root.resolve("python/cloudjar_runtime.py");
    }

    public Path node() {
        return root.resolve("node/cloudjar_runtime.mjs");
    }

    /** The runtime's own part of a Java function's class path. */
    public String javaClassPath() {
        return root.resolve("java/classes") + File.pathSeparator + root.resolve(LAMBDA_JAVA_CORE);
    }

    public String javaMainClass() {
        return JAVA_CLIENT_MAIN;
    }

    private static void copyResource(String name, Path root) throws IOException {
        Path target = root.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = RuntimeClients.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCES + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies the class files of one of this module's packages (sub-packages included). */
    private static void copyPackage(String packagePath, Path target) throws IOException {
        Path container;
        try {
            container = Path.of(RuntimeClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(container)) {
            copyTree(container.resolve(packagePath), target.resolve(packagePath));
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(container)) {
                copyTree(jar.getPath(packagePath), target.resolve(packagePath));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(dest);
                } else if (file.toString().endsWith(".class")) {
                    Files.createDirectories(dest.getParent());
                    Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
