package dev.cloudjar.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a fresh Cloudjar on a random port before the test class and stops it after. Test
 * methods and constructors may declare parameters of type {@link java.net.URI} (the endpoint) and
 * {@link dev.cloudjar.core.server.CloudjarServer} (in-process only).
 *
 * <p>The server runs inside the test's JVM from this artifact's own classes: its libraries
 * (Netty, Jackson, ...) are relocated under {@code dev.cloudjar.shaded}, so they never meet the
 * versions on the test's class path.
 *
 * <pre>{@code
 * @Cloudjar
 * class MyTest {
 *     @Test
 *     void works(URI endpoint) { S3Client.builder().endpointOverride(endpoint)... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CloudjarExtension.class)
public @interface Cloudjar {
    /** Wipe all state before each test method. */
    boolean resetBetweenTests() default false;

    /** Verify SigV4 signatures (the default, as AWS does). */
    boolean verifySignatures() default true;

    /** Further options as on the command line without "--", e.g. {@code "dynamodb-eventual-lag-ms=200"}. */
    String[] options() default {};

    /**
     * Run the server in a child JVM instead ({@code java -cp <this jar> dev.cloudjar.server.Main}
     * with the same options), for test JVMs where an in-process server cannot run, e.g. under a
     * security manager or on the module path. Costs a JVM start (about half a second) per class;
     * tests then take the {@code URI}, not the {@code CloudjarServer}. The system property
     * {@code -Dcloudjar.junit.separate-jvm=true} turns it on for every class.
     */
    boolean separateJvm() default false;
}
