package dev.cloudjar.lambda.runtime;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalProcessLauncherTest {
    private final Path opt = Path.of("/tmp/env/opt");

    @Test
    void pythonFindsLayerModulesInSitePackagesOfItsVersionAndInPython() {
        assertEquals(Map.of("PYTHONPATH", "/tmp/env/opt/python/lib/python3.12/site-packages" + File.pathSeparator
                + "/tmp/env/opt/python"), LocalProcessLauncher.layerPaths("python3.12", opt));
    }

    @Test
    void nodeFindsLayerModulesInItsMajorVersionsDirectoryAndInNodeModules() {
        assertEquals(Map.of("NODE_PATH", "/tmp/env/opt/nodejs/node20/node_modules" + File.pathSeparator
                + "/tmp/env/opt/nodejs/node_modules"), LocalProcessLauncher.layerPaths("nodejs20.x", opt));
    }

    @Test
    void javaAndCustomRuntimesNeedNoSearchPathVariable() {
        assertEquals(Map.of(), LocalProcessLauncher.layerPaths("java21", opt));
        assertEquals(Map.of(), LocalProcessLauncher.layerPaths("provided.al2023", opt));
    }
}
