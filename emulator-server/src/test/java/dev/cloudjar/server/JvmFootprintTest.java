package dev.cloudjar.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JvmFootprintTest {
    @Test
    void eachFlagTheUserLeftAloneIsSetSoIdleHeapIsGivenBack() {
        JvmFootprint.apply();

        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"));
        for (Map.Entry<String, String> flag : JvmFootprint.FLAGS.entrySet()) {
            VMOption option = vm.getVMOption(flag.getKey());
            if (g1 && option.getOrigin() != VMOption.Origin.VM_CREATION) {
                assertEquals(flag.getValue(), option.getValue(), flag.getKey());
            }
        }
    }

    @Test
    void aSecondCallChangesNothing() {
        JvmFootprint.apply();

        assertEquals(Map.of(), JvmFootprint.apply());
    }
}
