package dev.dfd.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.video.FrameSampling;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameSelectionTest {

    private static List<Integer> selected(FrameSampling sampling, int count) {
        FrameSelection s = new FrameSelection(sampling, count);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count + 20 && !s.isExhaustedAt(i); i++) {
            if (s.isSelected(i)) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void evenlySpacedIsExactlyFloorOfIByCountOverN() {
        for (int count = 1; count <= 130; count++) {
            for (int n = 1; n <= 40; n++) {
                Set<Integer> expected = new LinkedHashSet<>();
                if (count <= n) {
                    for (int i = 0; i < count; i++) {
                        expected.add(i);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        expected.add((int) ((long) i * count / n));
                    }
                }
                assertThat(selected(FrameSampling.evenlySpaced(n), count))
                        .as("count %d, n %d", count, n)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void evenlySpaced32OfTheSharedVideo() {
        assertThat(selected(FrameSampling.evenlySpaced(32), 105))
                .hasSize(32)
                .startsWith(0, 3, 6, 9, 13)
                .endsWith(101);
    }

    @Test
    void everyKthAndFirstN() {
        assertThat(selected(FrameSampling.everyKth(4), 10))
                .containsExactly(0, 4, 8, 12, 16, 20, 24, 28);
        assertThat(selected(FrameSampling.firstN(3), 10)).containsExactly(0, 1, 2);
        assertThat(selected(FrameSampling.firstN(30), 10)).hasSize(30);
    }

    @Test
    void lostFramesAreTheSelectedOnesPastTheEnd() {
        assertThat(new FrameSelection(FrameSampling.all(), 60).selectedFrom(24)).isEqualTo(36);
        assertThat(new FrameSelection(FrameSampling.evenlySpaced(8), 60).selectedFrom(24))
                .isEqualTo(4);
        assertThat(new FrameSelection(FrameSampling.everyKth(10), 60).selectedFrom(24))
                .isEqualTo(3);
        assertThat(new FrameSelection(FrameSampling.firstN(5), 60).selectedFrom(24)).isZero();
        assertThat(new FrameSelection(FrameSampling.all(), 60).selectedFrom(60)).isZero();
    }

    @Test
    void nextSelectedSkipsAhead() {
        FrameSelection s = new FrameSelection(FrameSampling.evenlySpaced(4), 100);
        assertThat(s.nextSelectedAtOrAfter(1)).isEqualTo(25);
        assertThat(s.nextSelectedAtOrAfter(76)).isEqualTo(-1);
    }
}
