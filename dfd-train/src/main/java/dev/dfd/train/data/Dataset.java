package dev.dfd.train.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * An immutable list of labelled videos, with the operations training needs: splitting by DFDC
 * folder number, pairing fakes with their originals, and balancing.
 *
 * @param videos the videos, in a stable order
 */
public record Dataset(List<VideoEntry> videos) {
    /** Copies the list. */
    public Dataset {
        videos = List.copyOf(videos);
    }

    /** How many videos there are. */
    public int size() {
        return videos.size();
    }

    /** How many videos have the label. */
    public long count(Label label) {
        return videos.stream().filter(v -> v.label() == label).count();
    }

    /**
     * The videos whose DFDC folder number satisfies a test.
     *
     * @param parts the test, for example {@code p -> p >= 40} for the 2020 reference's validation
     *     folders
     * @return the selected videos, order kept
     */
    public Dataset parts(IntPredicate parts) {
        return new Dataset(videos.stream().filter(v -> parts.test(v.part())).toList());
    }

    /**
     * Each fake with the real video it was made from, where that original is in this dataset (and,
     * for DFDC, in the same folder). Fakes without one are left out.
     *
     * @return the pairs, in the order of the fakes
     */
    public List<FakePair> fakePairs() {
        Map<String, VideoEntry> reals = new LinkedHashMap<>();
        for (VideoEntry v : videos) {
            if (v.label() == Label.REAL) {
                reals.put(key(v.part(), v.name()), v);
            }
        }
        List<FakePair> pairs = new ArrayList<>();
        for (VideoEntry v : videos) {
            if (v.label() == Label.FAKE && v.original().isPresent()) {
                VideoEntry real = reals.get(key(v.part(), v.original().get()));
                if (real != null) {
                    pairs.add(new FakePair(v, real));
                }
            }
        }
        return pairs;
    }

    /**
     * Keeps every real video and, for each, at most one of the fakes made from it, chosen at
     * random: the 2020 reference pipeline validated on one fake per real, since five fakes per real
     * otherwise swamp the score. Fakes without a known original are dropped.
     *
     * @param seed the seed of the choice
     * @return the balanced dataset, reals and fakes in their original order
     */
    public Dataset oneFakePerReal(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<VideoEntry>> fakesByOriginal = new LinkedHashMap<>();
        for (FakePair p : fakePairs()) {
            fakesByOriginal
                    .computeIfAbsent(key(p.real().part(), p.real().name()), k -> new ArrayList<>())
                    .add(p.fake());
        }
        List<VideoEntry> keep = new ArrayList<>();
        java.util.Set<VideoEntry> chosen = new java.util.HashSet<>();
        for (List<VideoEntry> fakes : fakesByOriginal.values()) {
            chosen.add(fakes.get(random.nextInt(fakes.size())));
        }
        for (VideoEntry v : videos) {
            if (v.label() == Label.REAL || chosen.contains(v)) {
                keep.add(v);
            }
        }
        return new Dataset(keep);
    }

    /**
     * The video with this file name in this DFDC folder.
     *
     * @param part the folder number
     * @param name the file name
     * @return the video, if present
     */
    public Optional<VideoEntry> find(int part, String name) {
        return videos.stream().filter(v -> v.part() == part && v.name().equals(name)).findFirst();
    }

    /** This dataset sorted by folder number, then file name. */
    public Dataset sorted() {
        return new Dataset(
                videos.stream()
                        .sorted(
                                Comparator.comparingInt(VideoEntry::part)
                                        .thenComparing(VideoEntry::name))
                        .toList());
    }

    private static String key(int part, String name) {
        return part + "/" + name;
    }

    /**
     * A fake and the real video it was made from.
     *
     * @param fake the manipulated video
     * @param real its original
     */
    public record FakePair(VideoEntry fake, VideoEntry real) {}
}
