package dev.cloudjar.server;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

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
 *       5–15 % of it instead of the default 40–70 %.</li>
 * </ul>
 * A flag set on the command line is the user's choice and left alone, as is a JVM without G1.
 * <p>
 * The C heap is given back too: what the JDK's native code freed (NIO's temporary buffers, zip
 * inflaters, the JIT's arenas) stays in glibc's arenas until trimmed, ~40 MiB after a benchmark.
 * The same periodic collection that marks an idle server trims it, through the diagnostic command
 * {@code System.trim_native_heap} (JDK 17.0.9 and later; older JVMs lack it and keep theirs).
 */
final class JvmFootprint {
    /** What G1 names the collection {@code G1PeriodicGCInterval} starts. */
    private static final String PERIODIC_COLLECTION = "G1 Periodic Collection";

    /** Applied in this order: the minimum must never exceed the maximum, even for a moment. */
    static final Map<String, String> FLAGS = orderedFlags();

    private JvmFootprint() {
    }

    private static Map<String, String> orderedFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("MinHeapFreeRatio", "5");
        flags.put("MaxHeapFreeRatio", "15");
        flags.put("G1PeriodicGCInterval", "15000");
        return Collections.unmodifiableMap(flags);
    }

    /** Sets the flags the user left at their defaults and trims the C heap when idle; returns the flags it set. */
    static Map<String, String> apply() {
        Map<String, String> set = new LinkedHashMap<>();
        if (!usesG1()) {
            return set;
        }
        trimNativeHeapWhenIdle();
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

    /** After each periodic collection (the server has been idle), trims the C heap. */
    static void trimNativeHeapWhenIdle() {
        ObjectName diagnostics;
        try {
            diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
                    && PERIODIC_COLLECTION.equals(GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData()).getGcCause())) {
                trimNativeHeap(diagnostics);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    private static void trimNativeHeap(ObjectName diagnostics) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(diagnostics, "systemTrimNativeHeap",
                    new Object[]{null}, new String[]{String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            // A JVM without the command (before 17.0.9) or not on glibc: its C heap stays as it is.
        }
    }

    private static boolean usesG1() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"));
    }
}
