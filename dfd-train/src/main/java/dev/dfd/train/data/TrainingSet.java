package dev.dfd.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The crops a training run uses: fake/real pairs for training (a fake's crop and its original's
 * crop at the same frame and place), and labelled crops for validation, split by DFDC folder.
 *
 * <p>Videos outside the DFDC layout (folder number -1) are split by a hash of their key: one in ten
 * validates. With pseudo-fakes, every real crop also forms a pair whose fake is made from it on the
 * fly ({@link CropPair#fake()} empty), which needs no fake video at all.
 *
 * @param trainPairs the training pairs
 * @param validation the validation crops
 */
public record TrainingSet(List<CropPair> trainPairs, List<LabeledCrop> validation) {
    /** Copies the lists. */
    public TrainingSet {
        trainPairs = List.copyOf(trainPairs);
        validation = List.copyOf(validation);
    }

    /**
     * A training pair.
     *
     * @param fake the fake crop, or empty when the fake is to be self-blended from the real one
     * @param real the original's crop
     * @param realRecord the original crop's record (its landmarks drive self-blending)
     * @param videoKey the key of the real video
     */
    public record CropPair(
            Optional<Path> fake, Path real, CropStore.CropRecord realRecord, String videoKey) {}

    /**
     * A validation crop.
     *
     * @param crop the crop, or for a pseudo-fake the real crop it is blended from
     * @param label its label
     * @param record the crop's record
     * @param videoKey its video's key, to aggregate per video
     * @param selfBlended whether the sample is a pseudo-fake made from {@code crop}
     */
    public record LabeledCrop(
            Path crop,
            Label label,
            CropStore.CropRecord record,
            String videoKey,
            boolean selfBlended) {}

    /**
     * Builds the set from an extraction.
     *
     * @param store the crop folder
     * @param videos its records ({@link CropStore#readAll()})
     * @param isValidationPart which DFDC folders validate
     * @param pseudoFakes whether real crops also pair with self-blended fakes (and validation reals
     *     get a self-blended twin when the validation set has no fake)
     * @return the set
     */
    public static TrainingSet from(
            CropStore store,
            List<CropStore.VideoCrops> videos,
            IntPredicate isValidationPart,
            boolean pseudoFakes) {
        Map<String, CropStore.VideoCrops> byName = new HashMap<>();
        for (CropStore.VideoCrops v : videos) {
            if (v.label() == Label.REAL && v.error().isEmpty()) {
                byName.put(v.part() + "/" + fileName(v.video()), v);
            }
        }
        List<CropPair> pairs = new ArrayList<>();
        List<LabeledCrop> validation = new ArrayList<>();
        for (CropStore.VideoCrops v : videos) {
            if (v.error().isPresent()) {
                continue;
            }
            boolean validate =
                    v.part() >= 0
                            ? isValidationPart.test(v.part())
                            : Math.floorMod(v.key().hashCode(), 10) == 0;
            if (validate) {
                for (CropStore.CropRecord c : v.crops()) {
                    validation.add(
                            new LabeledCrop(
                                    store.root().resolve(c.crop()), v.label(), c, v.key(), false));
                }
                continue;
            }
            if (v.label() == Label.FAKE && v.original().isPresent()) {
                CropStore.VideoCrops real = byName.get(v.part() + "/" + v.original().get());
                if (real == null) {
                    continue;
                }
                Map<String, CropStore.CropRecord> realCrops = new HashMap<>();
                for (CropStore.CropRecord c : real.crops()) {
                    realCrops.put(c.frame() + "_" + c.faceIndex(), c);
                }
                for (CropStore.CropRecord c : v.crops()) {
                    CropStore.CropRecord r = realCrops.get(c.frame() + "_" + c.faceIndex());
                    if (r != null) {
                        pairs.add(
                                new CropPair(
                                        Optional.of(store.root().resolve(c.crop())),
                                        store.root().resolve(r.crop()),
                                        r,
                                        real.key()));
                    }
                }
            } else if (v.label() == Label.REAL && pseudoFakes) {
                for (CropStore.CropRecord c : v.crops()) {
                    if (c.faceInCrop().hasLandmarks()) {
                        pairs.add(
                                new CropPair(
                                        Optional.empty(),
                                        store.root().resolve(c.crop()),
                                        c,
                                        v.key()));
                    }
                }
            }
        }
        boolean validationHasFakes = validation.stream().anyMatch(c -> c.label() == Label.FAKE);
        if (pseudoFakes && !validationHasFakes) {
            List<LabeledCrop> twins = new ArrayList<>();
            for (LabeledCrop c : validation) {
                if (c.record().faceInCrop().hasLandmarks()) {
                    twins.add(
                            new LabeledCrop(
                                    c.crop(), Label.FAKE, c.record(), c.videoKey() + "#sbi", true));
                }
            }
            validation.addAll(twins);
        }
        return new TrainingSet(pairs, validation);
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
