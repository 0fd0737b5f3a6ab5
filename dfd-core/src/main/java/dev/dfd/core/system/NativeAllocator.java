package dev.dfd.core.system;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes the C library's allocator for the large, short-lived buffers of network inference.
 *
 * <p>One forward pass of a large network allocates and frees hundreds of tensors of tens of
 * megabytes. With glibc's defaults each becomes a fresh mapping of zeroed pages. Python runs
 * inference on the process's first thread, whose heap keeps freed memory for reuse; a JVM never
 * does: its threads allocate from per-thread arenas of at most 64 MB, which go back to the kernel
 * whenever they empty. The page faults then cost nearly as much as the arithmetic: EfficientNet-B7
 * at 380 px, batch 4, spent over a third of its CPU time in the kernel and ran 1.1 to 1.6 times
 * slower than PyTorch in Python ({@code docs/benchmarks.md}). {@link #retainFreedMemory()} makes
 * the allocator keep freed memory instead, so that the resident size stays at its peak and pages
 * are faulted in once.
 *
 * <p>Two settings are not enough for that. A thread's arena grows by extra heaps of 64 MB, and
 * glibc unmaps such a heap as soon as it is empty, whatever the trim threshold says, unless the top
 * pad (memory kept beyond each request) is larger than a heap: EfficientNet-B7 on a thread whose
 * arena was not the first still took 13,600 page faults a pass with only the first two, and none
 * with the pad. The pad reserves address space, not memory: pages count only once they are written.
 *
 * <p>This is a setting of the whole process, so the library never makes it on its own: the {@code
 * dfd} program and the benchmarks call it at start, an application decides for itself. Starting the
 * JVM with the environment {@code MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0
 * MALLOC_TRIM_THRESHOLD_=4294967296} (one arena, never trimmed) has the same effect and measured
 * the same.
 *
 * <p>Thread-safe. Holds no native memory.
 */
public final class NativeAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(NativeAllocator.class);

    /** glibc's {@code M_TRIM_THRESHOLD}: free space at the top of the heap kept, in bytes. */
    private static final int M_TRIM_THRESHOLD = -1;

    /** glibc's {@code M_TOP_PAD}: extra bytes obtained and kept with each growth of a heap. */
    private static final int M_TOP_PAD = -2;

    /** The top pad: larger than an arena's 64 MB heap, so that no emptied heap is unmapped. */
    private static final int TOP_PAD_BYTES = 256 << 20;

    /** glibc's {@code M_MMAP_MAX}: how many chunks may be separate mappings at once. */
    private static final int M_MMAP_MAX = -4;

    private static boolean retaining;

    private NativeAllocator() {}

    /**
     * Asks glibc's allocator to keep freed memory for reuse: no chunk is given its own mapping
     * ({@code M_MMAP_MAX} 0), free memory at the top of the heap is not returned below 2 GiB
     * ({@code M_TRIM_THRESHOLD}) and no emptied heap of a thread's arena is unmapped ({@code
     * M_TOP_PAD} 256 MB). Calling it again does nothing more.
     *
     * @return true if the settings were made, now or before; false where the C library has no
     *     {@code mallopt} or refuses it (not Linux, or not glibc), which is logged at debug
     */
    public static synchronized boolean retainFreedMemory() {
        if (retaining) {
            return true;
        }
        if (!Platform.isLinux()) {
            LOG.debug(
                    "allocator left as it is: mallopt is glibc's, this is {}",
                    Platform.RESOURCE_PREFIX);
            return false;
        }
        try {
            Function mallopt =
                    NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            boolean noMappings = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0}) == 1;
            boolean noTrim =
                    mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE}) == 1;
            boolean pad = mallopt.invokeInt(new Object[] {M_TOP_PAD, TOP_PAD_BYTES}) == 1;
            retaining = noMappings && noTrim && pad;
            if (retaining) {
                LOG.debug(
                        "glibc allocator keeps freed memory (M_MMAP_MAX 0, M_TRIM_THRESHOLD 2 GiB,"
                                + " M_TOP_PAD 256 MB)");
            } else {
                LOG.debug(
                        "mallopt refused: M_MMAP_MAX {}, M_TRIM_THRESHOLD {}, M_TOP_PAD {}",
                        noMappings,
                        noTrim,
                        pad);
            }
            return retaining;
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("allocator left as it is: no mallopt in the C library ({})", e.getMessage());
            return false;
        }
    }
}
