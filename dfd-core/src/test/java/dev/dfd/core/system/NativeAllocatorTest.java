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

    /**
     * Four 40 MB buffers live at once do not fit one 64 MB heap of a thread's arena, so the arena
     * grows extra heaps, which glibc unmaps when they empty unless the top pad keeps them. Each
     * round of a new thread would then fault in at least the 40 MB of one extra heap again
     * (measured: about 102,000 faults over 10 rounds, against 10,000 with the pad).
     */
    @Test
    void newThreadsKeepTheHeapsTheirArenasGrew() throws Exception {
        assumeTrue(Platform.isLinux(), "mallopt is glibc's: Linux only");
        assertThat(NativeAllocator.retainFreedMemory()).isTrue();
        long pagesPerRound = 4 * (40L << 20) / 4096;
        for (int thread = 0; thread < 3; thread++) {
            long[] faults = new long[1];
            Throwable[] failure = new Throwable[1];
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    fourLiveBuffers();
                                    long before = minorFaults();
                                    for (int i = 0; i < 10; i++) {
                                        fourLiveBuffers();
                                    }
                                    faults[0] = minorFaults() - before;
                                } catch (IOException | RuntimeException e) {
                                    failure[0] = e;
                                }
                            });
            t.start();
            t.join();
            assertThat(failure[0]).isNull();
            assertThat(faults[0])
                    .as("minor page faults of thread %d over 10 rounds", thread)
                    .isLessThan(pagesPerRound);
        }
    }

    private static void fourLiveBuffers() {
        Memory[] buffers = new Memory[4];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new Memory(40L << 20);
            buffers[i].clear();
        }
        for (Memory m : buffers) {
            m.close();
        }
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
