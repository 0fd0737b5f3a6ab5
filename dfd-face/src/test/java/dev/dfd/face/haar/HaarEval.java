package dev.dfd.face.haar;

import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import dev.dfd.face.crop.MtcnnReference;
import dev.dfd.face.crop.TestImages;
import java.util.List;

/**
 * Recall and false positives of a detector against facenet-pytorch's MTCNN detections.
 *
 * @param references reference faces
 * @param found reference faces matched by a detection with IoU at least the threshold
 * @param detections detections made
 * @param falsePositives detections matching no reference face
 */
record HaarEval(int references, int found, int detections, int falsePositives) {

    double recall() {
        return references == 0 ? 0 : (double) found / references;
    }

    HaarEval plus(HaarEval o) {
        return new HaarEval(
                references + o.references,
                found + o.found,
                detections + o.detections,
                falsePositives + o.falsePositives);
    }

    /** Greedy one-to-one matching by IoU, highest first. */
    static HaarEval of(List<Face> reference, List<Face> detected, double iou) {
        boolean[] refUsed = new boolean[reference.size()];
        boolean[] detUsed = new boolean[detected.size()];
        int matched = 0;
        while (true) {
            double best = iou;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < reference.size(); i++) {
                for (int j = 0; j < detected.size(); j++) {
                    if (refUsed[i] || detUsed[j]) {
                        continue;
                    }
                    double v = reference.get(i).box().iou(detected.get(j).box());
                    if (v >= best) {
                        best = v;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            refUsed[bi] = true;
            detUsed[bj] = true;
            matched++;
        }
        return new HaarEval(reference.size(), matched, detected.size(), detected.size() - matched);
    }

    /** The evaluated inputs: originals, resized, multiface and the three stored frames. */
    static List<MtcnnReference> inputs() {
        return MtcnnReference.all().stream().filter(r -> r.pixels() != null).toList();
    }

    static RgbImage pixels(MtcnnReference ref) {
        return TestImages.read(SharedData.path(ref.pixels()));
    }

    static HaarEval evaluate(FaceDetector detector, List<MtcnnReference> refs, double iou) {
        HaarEval total = new HaarEval(0, 0, 0, 0);
        for (MtcnnReference ref : refs) {
            total = total.plus(of(ref.faces(), detector.detect(pixels(ref)), iou));
        }
        return total;
    }
}
