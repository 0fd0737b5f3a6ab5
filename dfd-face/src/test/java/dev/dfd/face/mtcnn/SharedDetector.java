package dev.dfd.face.mtcnn;

import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One default detector for the whole test JVM, so that the weights load once; closed by the JVM's
 * exit.
 */
final class SharedDetector {
    private static MtcnnDetector detector;

    private SharedDetector() {}

    static synchronized MtcnnDetector get() {
        if (detector == null) {
            SharedData.model(MtcnnDetector.PNET);
            try {
                detector = MtcnnDetector.builder().optModelStore(SharedData.modelStore()).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return detector;
    }
}
