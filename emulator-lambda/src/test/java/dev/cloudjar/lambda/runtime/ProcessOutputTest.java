package dev.cloudjar.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessOutputTest {
    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void eachTakeReturnsTheLinesWrittenSinceTheLastOne() throws IOException {
        Path file = dir.resolve("env.log");
        ProcessOutput output = new ProcessOutput(file);
        append(file, "init\n");
        assertEquals(List.of("init"), output.take());

        append(file, "one\ntwo\n");
        assertEquals(List.of("one", "two"), output.take());
        assertEquals(List.of(), output.take());
    }

    @Test
    void aLastLineWithoutItsNewlineBelongsToTheTakeThatFindsIt() throws IOException {
        Path file = dir.resolve("env.log");
        ProcessOutput output = new ProcessOutput(file);
        append(file, "done without newline");
        assertEquals(List.of("done without newline"), output.take());
        append(file, "next\n");
        assertEquals(List.of("next"), output.take());
    }

    @Test
    void linesLongerThanOneReadKeepTheirMultibyteCharacters() throws IOException {
        Path file = dir.resolve("env.log");
        String line = "é".repeat(10_000);
        append(file, line + "\n");
        assertEquals(List.of(line), new ProcessOutput(file).take());
    }

    @Test
    void anOutputWhoseFileIsGoneHasNoMoreLines() {
        ProcessOutput output = new ProcessOutput(dir.resolve("never-written.log"));
        assertEquals(List.of(), output.take());
    }
}
