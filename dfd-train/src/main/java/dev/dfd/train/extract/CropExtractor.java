package dev.dfd.train.extract;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceCropper;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.FrameSourceFactory;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.Dataset;
import dev.dfd.train.data.Label;
import dev.dfd.train.data.VideoEntry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the face crops of a dataset once, so that training reads small PNG files instead of decoding
 * videos.
 *
 * <p>Real videos are processed first: frames are sampled, faces detected and cut by the crop
 * policy. A fake is then cut at the boxes found in its original, frame by frame (the DFDC winner's
 * choice: a detector can miss a manipulated face, and identical boxes make the fake and real crops
 * of a pair line up). A fake whose original failed or has no crops is recorded as failed. Work is
 * spread over threads, each with its own face detector; a video already in the store is skipped, so
 * an interrupted run resumes; a video that fails is logged with its reason, recorded, and the run
 * goes on.
 *
 * <p>Creates and closes its detectors; one {@link #run} at a time.
 */
public final class CropExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(CropExtractor.class);

    private final FrameSourceFactory frameSources;
    private final Supplier<FaceDetector> detectors;
    private final FaceCropper cropper;
    private final FrameSampling sampling;
    private final int threads;

    /**
     * Configures an extraction.
     *
     * @param frameSources opens videos
     * @param detectors makes one face detector per worker thread
     * @param cropper cuts the crops
     * @param sampling which frames of each video to use
     * @param threads worker threads, at least 1
     */
    public CropExtractor(
            FrameSourceFactory frameSources,
            Supplier<FaceDetector> detectors,
            FaceCropper cropper,
            FrameSampling sampling,
            int threads) {
        this.frameSources = Objects.requireNonNull(frameSources, "frameSources");
        this.detectors = Objects.requireNonNull(detectors, "detectors");
        this.cropper = Objects.requireNonNull(cropper, "cropper");
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * What a run did.
     *
     * @param processed videos extracted in this run
     * @param skipped videos already in the store
     * @param failed videos that failed in this run, each with its reason
     * @param crops crops written in this run
     */
    public record Summary(int processed, int skipped, List<String> failed, long crops) {}

    /**
     * Extracts every video of a dataset that the store does not hold yet.
     *
     * @param dataset the videos
     * @param store where crops and records go
     * @param progress one report per finished video
     * @return what was done
     * @throws IOException if the store cannot be written at all
     */
    public Summary run(Dataset dataset, CropStore store, ProgressListener progress)
            throws IOException {
        List<VideoEntry> reals = new ArrayList<>();
        List<VideoEntry> fakes = new ArrayList<>();
        int skipped = 0;
        for (VideoEntry v : dataset.videos()) {
            if (store.isDone(CropStore.keyOf(v))) {
                skipped++;
            } else if (v.label() == Label.FAKE && v.original().isPresent()) {
                fakes.add(v);
            } else {
                reals.add(v);
            }
        }
        long total = reals.size() + fakes.size();
        AtomicLong done = new AtomicLong();
        AtomicLong crops = new AtomicLong();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<FaceDetector> opened = new ConcurrentLinkedQueue<>();
        ThreadLocal<FaceDetector> detector =
                ThreadLocal.withInitial(
                        () -> {
                            FaceDetector d = detectors.get();
                            opened.add(d);
                            return d;
                        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (List<VideoEntry> stage : List.of(reals, fakes)) {
                List<Future<?>> work = new ArrayList<>();
                for (VideoEntry v : stage) {
                    work.add(
                            pool.submit(
                                    () -> {
                                        CropStore.VideoCrops r =
                                                extractOne(v, dataset, store, detector);
                                        crops.addAndGet(r.crops().size());
                                        r.error().ifPresent(e -> failed.add(v.path() + ": " + e));
                                        progress.progress(done.incrementAndGet(), total, v.name());
                                        return null;
                                    }));
                }
                for (Future<?> f : work) {
                    await(f);
                }
            }
        } finally {
            pool.shutdownNow();
            for (FaceDetector d : opened) {
                try {
                    d.close();
                } catch (Exception e) {
                    LOG.warn("closing a face detector failed", e);
                }
            }
        }
        return new Summary(reals.size() + fakes.size(), skipped, List.copyOf(failed), crops.get());
    }

    private CropStore.VideoCrops extractOne(
            VideoEntry v, Dataset dataset, CropStore store, ThreadLocal<FaceDetector> detector)
            throws IOException {
        String key = CropStore.keyOf(v);
        CropStore.VideoCrops record;
        try {
            List<CropStore.CropRecord> crops =
                    v.label() == Label.FAKE && v.original().isPresent()
                            ? cutAtOriginalBoxes(v, dataset, store, key)
                            : detectAndCut(v, store, key, detector.get());
            record =
                    new CropStore.VideoCrops(
                            key,
                            v.path().toString(),
                            v.label(),
                            v.part(),
                            v.original(),
                            crops,
                            Optional.empty());
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("{}: extraction failed: {}", v.path(), reason);
            record =
                    new CropStore.VideoCrops(
                            key,
                            v.path().toString(),
                            v.label(),
                            v.part(),
                            v.original(),
                            List.of(),
                            Optional.of(reason));
        }
        store.write(record);
        return record;
    }

    private List<CropStore.CropRecord> detectAndCut(
            VideoEntry v, CropStore store, String key, FaceDetector detector) throws IOException {
        List<Frame> frames;
        try (FrameSource source = frameSources.open(v.path(), sampling)) {
            frames = source.readAll();
        }
        List<RgbImage> images = frames.stream().map(Frame::image).toList();
        List<List<Face>> faces = detector.detectAll(images);
        List<CropStore.CropRecord> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            for (int j = 0; j < faces.get(i).size(); j++) {
                out.add(cut(store, key, frames.get(i), j, faces.get(i).get(j)));
            }
        }
        return out;
    }

    private List<CropStore.CropRecord> cutAtOriginalBoxes(
            VideoEntry fake, Dataset dataset, CropStore store, String key) throws IOException {
        String originalName = fake.original().orElseThrow();
        VideoEntry original =
                dataset.find(fake.part(), originalName)
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "original "
                                                        + originalName
                                                        + " is not in the dataset"));
        String originalKey = CropStore.keyOf(original);
        CropStore.VideoCrops originalRecord =
                store.read(originalKey)
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "original " + originalName + " was not extracted"));
        if (originalRecord.error().isPresent()) {
            throw new IOException(
                    "original " + originalName + " failed: " + originalRecord.error().get());
        }
        Map<Integer, List<CropStore.CropRecord>> byFrame = new HashMap<>();
        for (CropStore.CropRecord c : originalRecord.crops()) {
            byFrame.computeIfAbsent(c.frame(), k -> new ArrayList<>()).add(c);
        }
        List<CropStore.CropRecord> out = new ArrayList<>();
        try (FrameSource source = frameSources.open(fake.path(), sampling)) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                for (CropStore.CropRecord c : byFrame.getOrDefault(f.get().index(), List.of())) {
                    out.add(cut(store, key, f.get(), c.faceIndex(), c.face()));
                }
            }
        }
        return out;
    }

    private CropStore.CropRecord cut(
            CropStore store, String key, Frame frame, int faceIndex, Face face) throws IOException {
        FaceCrop crop = cropper.crop(frame.image(), frame.index(), face);
        Path file = store.cropPath(key, frame.index(), faceIndex);
        writePng(crop.image(), file);
        return new CropStore.CropRecord(
                frame.index(),
                faceIndex,
                face,
                CropStore.relativeCrop(key, frame.index(), faceIndex),
                inCrop(face, crop.region(), cropper.policy()));
    }

    /**
     * The detection in the crop's pixel coordinates. Exact for unaligned crops up to the rounding
     * of the cut rectangle; for eye-aligned crops the rotation is not applied.
     */
    static Face inCrop(Face face, Box region, CropPolicy policy) {
        double w = Math.max(1, Math.round(region.x2()) - Math.round(region.x1()));
        double h = Math.max(1, Math.round(region.y2()) - Math.round(region.y1()));
        double x0 = Math.round(region.x1());
        double y0 = Math.round(region.y1());
        int s = policy.outputSize();
        double sx;
        double sy;
        double ox = 0;
        double oy = 0;
        switch (policy.resize()) {
            case STRETCH -> {
                sx = s / w;
                sy = s / h;
            }
            case FIT_CONSTANT_BORDER -> {
                sx = s / Math.max(w, h);
                sy = sx;
                ox = (s - Math.round(w * sx)) / 2.0;
                oy = (s - Math.round(h * sy)) / 2.0;
            }
            default -> {
                sx = Math.max(w, h) == s ? 1 : s / Math.max(w, h);
                sy = sx;
                ox = (s - (int) (w * sx)) / 2;
                oy = (s - (int) (h * sy)) / 2;
            }
        }
        double fsx = sx;
        double fsy = sy;
        double fox = ox;
        double foy = oy;
        java.util.function.UnaryOperator<Point> map =
                p -> new Point((p.x() - x0) * fsx + fox, (p.y() - y0) * fsy + foy);
        Point a = map.apply(new Point(face.box().x1(), face.box().y1()));
        Point b = map.apply(new Point(face.box().x2(), face.box().y2()));
        return new Face(
                new Box(a.x(), a.y(), b.x(), b.y()),
                face.score(),
                face.landmarks().stream().map(map).toList());
    }

    private static void writePng(RgbImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage bi =
                new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((java.awt.image.DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        byte[] src = img.buffer();
        for (int i = 0; i < src.length; i += 3) {
            dst[i] = src[i + 2];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = src[i];
        }
        Path tmp = Files.createTempFile(file.getParent(), ".crop", ".png.part");
        try {
            if (!ImageIO.write(bi, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("extraction interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("extraction failed: " + e.getCause(), e.getCause());
        }
    }
}
