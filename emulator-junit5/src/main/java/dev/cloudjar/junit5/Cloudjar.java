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
 * {@link dev.cloudjar.core.server.CloudjarServer}.
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
}
