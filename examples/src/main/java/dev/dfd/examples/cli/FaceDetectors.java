package dev.dfd.examples.cli;

import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.model.ModelStore;
import dev.dfd.face.haar.HaarFaceDetector;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.face.mtcnn.MtcnnOptions;
import java.io.IOException;
import java.util.List;

/** The face detectors the commands offer, built from the model store of the environment. */
final class FaceDetectors {
    private FaceDetectors() {}

    /**
     * MTCNN with facenet-pytorch's settings, detecting on frames shrunk to a longer side.
     *
     * @param maxSidePixels 0 for full-size detection
     * @return the detector; the caller closes it
     * @throws IOException if the weights are neither found nor downloadable, with a hint
     */
    static FaceDetector mtcnn(int maxSidePixels) throws IOException {
        ModelStore store = ModelStore.fromEnvironment();
        for (String name : List.of(MtcnnDetector.PNET, MtcnnDetector.RNET, MtcnnDetector.ONET)) {
            try {
                store.resolve(name);
            } catch (IOException e) {
                throw new IOException(
                        e.getMessage()
                                + "; set DFD_MODEL_DIR to the folder holding mtcnn/, or use"
                                + " --detector haar",
                        e);
            }
        }
        MtcnnOptions d = MtcnnOptions.defaults();
        MtcnnOptions options =
                new MtcnnOptions(
                        d.minFacePixels(),
                        d.pnetThreshold(),
                        d.rnetThreshold(),
                        d.onetThreshold(),
                        d.scaleFactor(),
                        d.selection(),
                        maxSidePixels);
        return MtcnnDetector.builder().optModelStore(store).optOptions(options).build();
    }

    /**
     * The Haar-cascade detector: no weights needed, fewer faces found.
     *
     * @throws IOException if the cascade bundled in the OpenCV jar cannot be loaded
     */
    static FaceDetector haar() throws IOException {
        return HaarFaceDetector.builder().build();
    }
}
