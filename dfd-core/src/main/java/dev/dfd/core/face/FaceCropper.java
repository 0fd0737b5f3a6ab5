package dev.dfd.core.face;

import dev.dfd.core.image.RgbImage;

/** Cuts classifier inputs out of frames according to a {@link CropPolicy}. Thread-safe. */
public interface FaceCropper {

    /**
     * Cuts one face out of a frame.
     *
     * @param frame the frame the face was found in
     * @param frameIndex the frame's index, recorded in the crop
     * @param face the detection
     * @return the crop
     */
    FaceCrop crop(RgbImage frame, int frameIndex, Face face);

    /** The policy this cropper applies. */
    CropPolicy policy();
}
