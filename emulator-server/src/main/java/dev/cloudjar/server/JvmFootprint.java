package dev.cloudjar.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the JVM give memory back when the load is over. People run Cloudjar beside their IDE and
 * their build, but G1's heap may grow up to a quarter of the machine's memory and is handed back
 * only after a full collection, which an idle server never has: after a benchmark it kept
 * ~800 MiB resident with ~160 MiB live. A runnable jar cannot pass {@code -Xmx} to its own JVM;
 * three of G1's flags, though, are "manageable" and may be set while it runs:
 * <ul>
 *   <li>{@code G1PeriodicGCInterval}: when no collection ran for that long, a concurrent cycle,
 *       whose remark uncommits the heap that is free. Under load collections never stop, so it
 *       never fires there;</li>
 *   <li>{@code MinHeapFreeRatio}/{@code MaxHeapFreeRatio}: how much free heap that shrink keeps,
 *       10–30 % of it instead of the default 40–70 %.</li>
 * </ul>
 * A flag set on the command line is the user's choice and left alone, as is a JVM without G1.
 */
final class JvmFootprint {
    /** Applied in this order: the minimum must never exceed the maximum, even for a moment. */
    static final Map<String, String> FLAGS = orderedFlags();

    private JvmFootprint() {
    }

    private static Map<String, String> orderedFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("MinHeapFreeRatio", "10");
        flags.put("MaxHeapFreeRatio", "30");
        flags.put("G1PeriodicGCInterval", "15000");
        return Collections.unmodifiableMap(flags);
    }

    /** Sets the flags the user left at their defaults; returns the ones it set. */
    static Map<String, String> apply() {
        Map<String, String> set = new LinkedHashMap<>();
        if (!usesG1()) {
            return set;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
            try {
                VMOption option = vm.getVMOption(flag.getKey());
                if (option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT) {
                    vm.setVMOption(flag.getKey(), flag.getValue());
                    set.put(flag.getKey(), flag.getValue());
                }
            } catch (IllegalArgumentException e) {
                // This JVM lacks the flag or refuses the value (a user's MaxHeapFreeRatio below 10): keep its own.
            }
        }
        return set;
    }

    private static boolean usesG1() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"));
    }
}
