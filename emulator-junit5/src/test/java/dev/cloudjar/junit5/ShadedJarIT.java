package dev.cloudjar.junit5;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The artifact users depend on, as packaged: what its jar holds, what its published POM declares,
 * and that the relocated server runs with nothing else on its class path. Runs after
 * {@code package} (maven-failsafe-plugin), on the jar the build just made.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("cloudjar.shadedJar", "target/none.jar"));
    private static final Path POM = Path.of(System.getProperty("cloudjar.publishedPom", "target/none.xml"));

    /** Entries that may stand outside dev/cloudjar/: the manifest, and the bundled libraries' legal texts. */
    private static final Pattern META_INF_ALLOWED = Pattern.compile(
            "META-INF/(MANIFEST\\.MF|NOTICE|LICENSE(\\.md|\\.txt)?|[A-Za-z-]+-LICENSE)");
    /** Service files: our own interfaces, or JUnit's launcher listener (implemented by CloudjarWarmup). */
    private static final Pattern SERVICE_FILE = Pattern.compile(
            "META-INF/services/(dev\\.cloudjar\\..+|org\\.junit\\.platform\\.launcher\\.LauncherSessionListener)");

    @Test
    void everyEntryIsCloudjarsOwnOrRelocatedUnderIt() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("dev/cloudjar/") || META_INF_ALLOWED.matcher(name).matches()) {
                    continue;
                }
                if (SERVICE_FILE.matcher(name).matches()) {
                    for (String provider : providers(jar, entry)) {
                        if (!provider.startsWith("dev.cloudjar.")) {
                            foreign.add(name + " names " + provider);
                        }
                    }
                    continue;
                }
                foreign.add(name);
            }
            assertNotNull(jar.getEntry("dev/cloudjar/shaded/io/netty/channel/MultiThreadIoEventLoopGroup.class"),
                    "Netty 4.2 is inside, relocated");
            assertNotNull(jar.getEntry("dev/cloudjar/server/Main.class"), "the whole server is inside");
            assertNotNull(jar.getEntry("dev/cloudjar/lambda/runtime/java/aws-lambda-java-core.jar"),
                    "Java functions' aws-lambda-java-core travels as a resource");
        }
        assertEquals(List.of(), foreign, "entries that are neither Cloudjar's nor relocated under dev/cloudjar/");
    }

    @Test
    void thePublishedPomDeclaresOnlyJUnitsApi() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(POM.toFile()).getDocumentElement();
        List<String> inherited = new ArrayList<>();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String scope = text(dependency, "scope");
            // test and provided dependencies do not reach a user's class path.
            if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
                inherited.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
            }
        }
        assertEquals(List.of("org.junit.jupiter:junit-jupiter-api"), inherited);
    }

    @Test
    void sourcesAndJavadocJarsStandBesideIt() throws Exception {
        String base = JAR.getFileName().toString().replaceFirst("\\.jar$", "");
        for (String classifier : List.of("sources", "javadoc")) {
            Path attached = JAR.resolveSibling(base + "-" + classifier + ".jar");
            assertTrue(Files.isRegularFile(attached), "missing " + attached);
            try (JarFile jar = new JarFile(attached.toFile())) {
                String entry = classifier.equals("sources") ? "dev/cloudjar/junit5/Cloudjar.java" : "dev/cloudjar/junit5/Cloudjar.html";
                assertNotNull(jar.getEntry(entry), attached + " has " + entry);
            }
        }
    }

    @Test
    void theRelocatedServerRunsFromTheJarAlone() throws Exception {
        // Parent: the platform loader, so nothing of this build's own class path (Netty, Jackson, the modules) can help.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> configClass = loader.loadClass("dev.cloudjar.core.config.CloudjarConfig");
            Object builder = configClass.getMethod("builder").invoke(null);
            builder.getClass().getMethod("port", int.class).invoke(builder, 0);
            Object config = builder.getClass().getMethod("build").invoke(builder);
            Class<?> serverClass = loader.loadClass("dev.cloudjar.core.server.CloudjarServer");
            AutoCloseable server = (AutoCloseable) serverClass.getMethod("start", configClass).invoke(null, config);
            try {
                URI endpoint = URI.create((String) serverClass.getMethod("endpoint").invoke(server));
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(endpoint.resolve("/_cloudjar/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), health.body());
                assertTrue(health.body().contains("lambda"), health.body());
                try (StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
                    assertEquals("000000000000", sts.getCallerIdentity().account(), "a signed request verified and answered");
                }
            } finally {
                server.close();
            }
        }
    }

    private static List<String> providers(JarFile jar, JarEntry entry) throws Exception {
        List<String> providers = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String provider = line.replaceFirst("#.*", "").trim();
                if (!provider.isEmpty()) {
                    providers.add(provider);
                }
            }
        }
        return providers;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    static {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no shaded jar at " + JAR + ": run through Maven (failsafe), after package");
        }
    }
}
