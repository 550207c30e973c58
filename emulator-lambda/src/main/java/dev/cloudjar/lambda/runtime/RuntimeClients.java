package dev.cloudjar.lambda.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.cloudjar.lambda.runtime.client.JavaRuntimeClient;

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
 * run them from: a Python module, a Node.js module, and for Java our client's classes together
 * with aws-lambda-java-core (whose interfaces Java handlers implement), copied from wherever
 * they are on the server's class path (a directory or the server jar).
 */
public final class RuntimeClients {
    private static final String RESOURCES = "dev/cloudjar/lambda/runtime/";

    private final Path root;

    private RuntimeClients(Path root) {
        this.root = root;
    }

    public static RuntimeClients writeTo(Path root) {
        try {
            copyResource("python/cloudjar_runtime.py", root);
            copyResource("node/cloudjar_runtime.mjs", root);
            Path classes = root.resolve("java");
            copyPackage(JavaRuntimeClient.class, classes);
            copyPackage(RequestHandler.class, classes);
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

    public Path javaClasses() {
        return root.resolve("java");
    }

    public String javaMainClass() {
        return JavaRuntimeClient.class.getName();
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

    /** Copies the class files of a class's package (sub-packages included). */
    private static void copyPackage(Class<?> member, Path target) throws IOException {
        String packagePath = member.getPackageName().replace('.', '/');
        Path container;
        try {
            container = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
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
