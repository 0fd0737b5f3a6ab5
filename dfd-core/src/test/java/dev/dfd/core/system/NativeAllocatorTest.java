package dev.dfd.core.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * With freed memory retained, a large buffer allocated, written and freed over and over is faulted
 * in once, not on every round (glibc's default maps every such buffer afresh).
 */
class NativeAllocatorTest {
    private static final long BUFFER_BYTES = 48L << 20;
    private static final long PAGES_PER_BUFFER = BUFFER_BYTES / 4096;
    private static final int ROUNDS = 20;

    @Test
    void aLargeBufferIsFaultedInOnceNotOnEveryRound() throws IOException {
        assumeTrue(Platform.isLinux(), "mallopt is glibc's: Linux only");
        assertThat(NativeAllocator.retainFreedMemory()).isTrue();
        assertThat(NativeAllocator.retainFreedMemory()).as("a second call").isTrue();

        touchAndFree();
        long before = minorFaults();
        for (int i = 0; i < ROUNDS; i++) {
            touchAndFree();
        }
        long faults = minorFaults() - before;
        // Mapped afresh each round this would be ROUNDS * PAGES_PER_BUFFER (245,760) faults; other
        // threads of the JVM add a few thousand of their own.
        assertThat(faults)
                .as(
                        "minor page faults over %d rounds of a %d-page buffer",
                        ROUNDS, PAGES_PER_BUFFER)
                .isLessThan(2 * PAGES_PER_BUFFER);
    }

    private static void touchAndFree() {
        try (Memory m = new Memory(BUFFER_BYTES)) {
            m.clear();
        }
    }

    /** The process's minor page faults so far: field 10 of /proc/self/stat. */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}
