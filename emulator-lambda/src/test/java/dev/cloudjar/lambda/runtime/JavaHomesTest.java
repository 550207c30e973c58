package dev.cloudjar.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavaHomesTest {
    @TempDir
    Path dir;

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void runtimeNamesGiveTheirJavaVersion() {
        assertEquals(8, JavaHomes.feature("java8.al2"));
        assertEquals(11, JavaHomes.feature("java11"));
        assertEquals(21, JavaHomes.feature("java21"));
    }

    @Test
    void releaseFilesGiveTheMajorVersion() throws IOException {
        assertEquals(8, JavaHomes.releaseFeature(jdk("jdk8", "1.8.0_402")));
        assertEquals(21, JavaHomes.releaseFeature(jdk("jdk21", "21.0.2")));
        assertEquals(25, JavaHomes.releaseFeature(jdk("jdk25", "25")));
        assertEquals(0, JavaHomes.releaseFeature(dir.resolve("missing")));
    }

    @Test
    void aRuntimeTheServersJvmCoversRunsOnIt() throws IOException {
        Path own = jdk("own", "17.0.15");
        JavaHomes homes = new JavaHomes(own, 17, List.of(jdk("jdk21", "21.0.2")));
        assertEquals(own.resolve("bin/java"), homes.javaFor("java17"));
        assertEquals(own.resolve("bin/java"), homes.javaFor("java11"));
    }

    @Test
    void aNewerRuntimeGetsTheOldestInstalledJdkThatIsNewEnough() throws IOException {
        Path own = jdk("own", "17.0.15");
        Path jdk25 = jdk("jdk25", "25.0.3");
        Path jdk21 = jdk("jdk21", "21.0.2");
        JavaHomes homes = new JavaHomes(own, 17, List.of(jdk25, jdk("jdk11", "11.0.20"), jdk21));
        assertEquals(jdk21.resolve("bin/java"), homes.javaFor("java21"));
    }

    @Test
    void withoutANewEnoughJdkTheServersJvmIsUsed() throws IOException {
        Path own = jdk("own", "17.0.15");
        JavaHomes homes = new JavaHomes(own, 17, List.of(jdk("jdk11", "11.0.20"), dir.resolve("not-a-jdk")));
        assertEquals(own.resolve("bin/java"), homes.javaFor("java21"));
    }
}
