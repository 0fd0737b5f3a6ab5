package dev.dfd.face.mtcnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The two non-maximum suppressions of facenet-pytorch's MTCNN, in float32 as they compute.
 *
 * <p>Stateless and thread-safe.
 */
final class BoxNms {
    private BoxNms() {}

    /**
     * torchvision's {@code nms}: greedy in descending score order (stable for equal scores), a box
     * is dropped when its IoU with a kept box exceeds the threshold; areas and intersections
     * without "+1".
     *
     * @param boxes the candidates, not modified
     * @param iouThreshold the IoU above which a box is suppressed
     * @return the kept candidates, highest score first
     */
    static List<Candidate> iou(List<Candidate> boxes, double iouThreshold) {
        int n = boxes.size();
        Candidate[] order = boxes.toArray(new Candidate[0]);
        Arrays.sort(order, Comparator.comparingDouble((Candidate c) -> c.score).reversed());
        float[] area = new float[n];
        for (int i = 0; i < n; i++) {
            Candidate c = order[i];
            area[i] = (c.x2 - c.x1) * (c.y2 - c.y1);
        }
        boolean[] suppressed = new boolean[n];
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (suppressed[i]) {
                continue;
            }
            Candidate a = order[i];
            kept.add(a);
            for (int j = i + 1; j < n; j++) {
                if (suppressed[j]) {
                    continue;
                }
                Candidate b = order[j];
                float w = Math.max(0f, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
                float h = Math.max(0f, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
                float inter = w * h;
                float overlap = inter / (area[i] + area[j] - inter);
                if (overlap > iouThreshold) {
                    suppressed[j] = true;
                }
            }
        }
        return kept;
    }

    /**
     * facenet-pytorch's {@code nms_numpy} in "Min" mode: areas and intersections with "+1", overlap
     * = intersection / smaller area, boxes taken from the highest score down, a box kept only while
     * its overlap with every kept box is at most the threshold (compared in float32).
     *
     * @param boxes the candidates, not modified
     * @param threshold the overlap above which a box is suppressed
     * @return the kept candidates, highest score first
     */
    static List<Candidate> min(List<Candidate> boxes, float threshold) {
        int n = boxes.size();
        Candidate[] order = boxes.toArray(new Candidate[0]);
        // numpy's argsort ascending, taking the last: equal scores go to the later index first.
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(
                idx,
                Comparator.comparingDouble((Integer i) -> order[i].score)
                        .thenComparingInt(i -> i)
                        .reversed());
        float[] area = new float[n];
        for (int i = 0; i < n; i++) {
            Candidate c = order[i];
            area[i] = (c.x2 - c.x1 + 1) * (c.y2 - c.y1 + 1);
        }
        boolean[] removed = new boolean[n];
        List<Candidate> kept = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            int i = idx[p];
            if (removed[i]) {
                continue;
            }
            Candidate a = order[i];
            kept.add(a);
            for (int q = p + 1; q < n; q++) {
                int j = idx[q];
                if (removed[j]) {
                    continue;
                }
                Candidate b = order[j];
                float w = Math.max(0f, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + 1);
                float h = Math.max(0f, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + 1);
                float inter = w * h;
                float overlap = inter / Math.min(area[i], area[j]);
                if (!(overlap <= threshold)) {
                    removed[j] = true;
                }
            }
        }
        return kept;
    }
}
