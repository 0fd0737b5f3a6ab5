package dev.dfd.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void iouOfOverlappingBoxes() {
        Box a = new Box(0, 0, 10, 10);
        Box b = new Box(5, 0, 15, 10);
        // intersection 50, union 150
        assertThat(a.iou(b)).isCloseTo(1.0 / 3.0, within(1e-12));
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(20, 20, 30, 30))).isZero();
    }

    @Test
    void rejectsInvertedCorners() {
        assertThatThrownBy(() -> new Box(5, 0, 4, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faceNeedsZeroOrFiveLandmarks() {
        Box box = new Box(0, 0, 1, 1);
        assertThat(new Face(box, 0.9, List.of()).hasLandmarks()).isFalse();
        assertThatThrownBy(() -> new Face(box, 0.9, List.of(new Point(0, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1");
        Face scaled =
                new Face(
                                box,
                                0.5,
                                List.of(
                                        new Point(1, 2),
                                        new Point(1, 2),
                                        new Point(1, 2),
                                        new Point(1, 2),
                                        new Point(3, 4)))
                        .scale(2);
        assertThat(scaled.box()).isEqualTo(new Box(0, 0, 2, 2));
        assertThat(scaled.landmarks().get(4)).isEqualTo(new Point(6, 8));
    }
}
