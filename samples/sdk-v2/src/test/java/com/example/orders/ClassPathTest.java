package com.example.orders;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the extension puts on a user's test class path: its one jar, and no library of its own. */
class ClassPathTest {
    @Test
    void cloudjarAddsOneJarToTheTestClassPath() {
        List<String> cloudjar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("cloudjar")).map(entry -> new File(entry).getName()).toList();
        assertEquals(1, cloudjar.size(), "Cloudjar entries: " + cloudjar);
        assertEquals(true, cloudjar.get(0).startsWith("emulator-junit5-"), cloudjar.get(0));
    }

    @Test
    void cloudjarsLibrariesAreNotVisibleToTheProject() {
        // The AWS SDK v2 carries its own relocated Jackson core, so neither of these is on this project's class path.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bouncycastle.crypto.Digest"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.nimbusds.jwt.SignedJWT"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.ctc.wstx.stax.WstxInputFactory"));
    }
}
