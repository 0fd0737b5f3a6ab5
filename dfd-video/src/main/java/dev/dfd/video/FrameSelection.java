package dev.dfd.video;

import dev.dfd.core.video.FrameSampling;
import java.util.Objects;

/**
 * Which frame indices a {@link FrameSampling} selects from media with a known (or announced) frame
 * count: the arithmetic shared by every source, kept apart from decoding so that it can be tested
 * alone.
 *
 * <p>Immutable and thread-safe. Holds no native memory.
 */
final class FrameSelection {
    private final FrameSampling sampling;
    private final int frameCount;

    /**
     * Creates the selection.
     *
     * @param sampling the policy
     * @param frameCount the frame count the media announces, at least 0; used by {@link
     *     FrameSampling.EvenlySpaced} and to count lost frames
     */
    FrameSelection(FrameSampling sampling, int frameCount) {
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        if (frameCount < 0) {
            throw new IllegalArgumentException("frame count must be >= 0, got " + frameCount);
        }
        this.frameCount = frameCount;
    }

    /** The announced frame count this selection was computed for. */
    int frameCount() {
        return frameCount;
    }

    /**
     * Whether the frame at this index is selected.
     *
     * @param index 0-based frame index
     * @return true if the frame is delivered
     */
    boolean isSelected(int index) {
        if (sampling instanceof FrameSampling.EveryKth e) {
            return index % e.k() == 0;
        } else if (sampling instanceof FrameSampling.FirstN f) {
            return index < f.n();
        } else if (sampling instanceof FrameSampling.EvenlySpaced s) {
            return isEvenlySpaced(index, s.n());
        }
        return true;
    }

    /**
     * Whether no index at or after this one can be selected, so decoding may stop.
     *
     * @param index 0-based frame index
     * @return true if the selection is exhausted
     */
    boolean isExhaustedAt(int index) {
        if (sampling instanceof FrameSampling.FirstN f) {
            return index >= f.n();
        } else if (sampling instanceof FrameSampling.EvenlySpaced s) {
            return index > lastEvenlySpaced(s.n());
        }
        return false;
    }

    /**
     * Whether the frame at this index is to be delivered: selected, and not past the end of the
     * selection.
     *
     * @param index 0-based frame index
     * @return true if a source returns this frame
     */
    boolean delivers(int index) {
        return isSelected(index) && !isExhaustedAt(index);
    }

    /**
     * How many selected indices lie in {@code [from, frameCount)}: the frames lost when the stream
     * ends at {@code from} although the container announced {@code frameCount}.
     *
     * @param from the number of frames actually decoded
     * @return the count, at least 0
     */
    int selectedFrom(int from) {
        return selectedBetween(from, frameCount);
    }

    /**
     * How many selected indices lie in {@code [from, to)}.
     *
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the count, at least 0
     */
    int selectedBetween(int from, int to) {
        int count = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            if (isExhaustedAt(i)) {
                break;
            }
            if (isSelected(i)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The next selected index at or after {@code index} within the announced count, or -1 if none.
     *
     * @param index 0-based frame index
     * @return the index, or -1
     */
    int nextSelectedAtOrAfter(int index) {
        for (int i = Math.max(0, index); i < frameCount && !isExhaustedAt(i); i++) {
            if (isSelected(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isEvenlySpaced(int index, int n) {
        if (frameCount <= n) {
            return index < frameCount;
        }
        if (index >= frameCount) {
            return false;
        }
        // index is selected iff some i in [0, n) has floor(i * count / n) == index, i.e. the
        // smallest i with i * count >= index * n also satisfies i * count < (index + 1) * n.
        long count = frameCount;
        long i = (index * (long) n + count - 1) / count;
        return i < n && i * count < (index + 1L) * n;
    }

    private int lastEvenlySpaced(int n) {
        if (frameCount <= n) {
            return frameCount - 1;
        }
        return (int) ((n - 1L) * frameCount / n);
    }
}
