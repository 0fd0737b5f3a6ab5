package dev.dfd.examples.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.dfd.core.classify.Aggregator;
import dev.dfd.core.classify.Classifier;
import dev.dfd.core.classify.Ensemble;
import dev.dfd.core.classify.NetworkClassifier;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.NetworkRunner;
import dev.dfd.core.pipeline.DeepfakeDetector;
import dev.dfd.core.pipeline.TestTimeAugmentation;
import dev.dfd.core.pipeline.VideoVerdict;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.face.track.IouFaceTracker;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfd detect}: scores videos, the main job of the SDK. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Scores videos: the probability that each shows a manipulated face (1 = fake).",
            "Frames are sampled, faces found with MTCNN, cut with a margin, scored by the"
                    + " --model networks (an ensemble when repeated), and aggregated per person;"
                    + " the video's score is its most suspicious person's."
        })
final class DetectCommand implements Callable<Integer> {
    private static final Set<String> VIDEO_EXTENSIONS =
            Set.of("mp4", "avi", "mov", "mkv", "webm", "m4v", "mpg", "mpeg");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "VIDEO|DIR",
            description = "Videos, or folders searched for videos.")
    List<Path> inputs;

    @Option(
            names = "--model",
            paramLabel = "ARCH:CHECKPOINT",
            description =
                    "A network and its trained checkpoint, e.g. tf_efficientnet_b7:final_999.pth;"
                            + " repeat for an ensemble (equal weights).")
    List<String> models = new ArrayList<>();

    @Option(
            names = "--frames",
            defaultValue = "32",
            description = "Evenly spaced frames per video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(
            names = "--size",
            defaultValue = "380",
            description =
                    "Crop size in pixels fed to the networks (default: ${DEFAULT-VALUE}, as the DFDC winner).")
    int size;

    @Option(
            names = "--margin",
            defaultValue = "0.3333333333",
            description =
                    "Margin around each face box, as a fraction of the box on each side (default: one third).")
    double margin;

    @Option(
            names = "--detect-max-side",
            defaultValue = "960",
            description =
                    "Frames are shrunk to this longer side for face detection, 0 for full size (default: ${DEFAULT-VALUE}: half-size 1080p, as the DFDC winner).")
    int detectMaxSide;

    @Option(
            names = "--aggregate",
            defaultValue = "confident",
            description =
                    "confident, mean or max: how a person's crop scores combine (default: ${DEFAULT-VALUE}).")
    String aggregate;

    @Option(
            names = "--clip",
            paramLabel = "LOW,HIGH",
            description = "Clip every video score to these bounds.")
    String clip;

    @Option(
            names = "--no-face-prior",
            defaultValue = "0.5",
            description = "Score of a video with no face (default: ${DEFAULT-VALUE}).")
    double prior;

    @Option(
            names = "--min-track-share",
            defaultValue = "0.1",
            description =
                    "A person seen in fewer than this share of the sampled frames does not decide the"
                            + " video, unless nobody is seen longer (default: ${DEFAULT-VALUE}).")
    double minTrackShare;

    @Option(names = "--tta-flip", description = "Also score each crop mirrored and average.")
    boolean flip;

    @Option(
            names = "--json",
            paramLabel = "OUT.json",
            description = "Write every verdict with its tracks, boxes, scores and timings.")
    Path json;

    @Option(
            names = "--submission",
            paramLabel = "OUT.csv",
            description = "Write a DFDC submission (filename,label).")
    Path submission;

    @Option(
            names = "--batch-size",
            defaultValue = "4",
            description =
                    "Crops per classifier call (default: ${DEFAULT-VALUE}, fastest on a CPU; raise it"
                            + " on a GPU).")
    int batchSize;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Videos scored at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (models.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "no trained weights configured: give --model ARCH:CHECKPOINT (for example the"
                            + " DFDC winner's tf_efficientnet_b7_ns checkpoints; docs/weights.md says"
                            + " where to get them). DFD never reports an untrained network's score.");
        }
        if (threads < 1 || frames < 1 || batchSize < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--threads, --frames and --batch-size must be >= 1");
        }
        if (!(minTrackShare >= 0 && minTrackShare <= 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--min-track-share must be in [0, 1], got " + minTrackShare);
        }
        List<Path> videos = collectVideos();
        // Fail now, with the reason, rather than once per video on the worker threads.
        FaceDetectors.mtcnn(detectMaxSide).close();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Device device = Engine.getInstance().defaultDevice();
        try (Ensemble ensemble = loadModels(device)) {
            Classifier shared = shared(ensemble);
            CropPolicy policy =
                    new CropPolicy(
                            margin, 0, false, size, CropPolicy.Resize.ISOTROPIC_PAD, 0, false);
            Map<Integer, VideoVerdict> verdicts = Collections.synchronizedMap(new TreeMap<>());
            Map<Integer, String> failures = Collections.synchronizedMap(new TreeMap<>());
            ProgressBar progress = ProgressBar.onStderr(err, "detect");
            AtomicLong done = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            ThreadLocal<DeepfakeDetector> detectors =
                    ThreadLocal.withInitial(() -> newDetector(shared, policy));
            List<DeepfakeDetector> opened = Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < videos.size(); i++) {
                    int index = i;
                    work.add(
                            pool.submit(
                                    () -> {
                                        DeepfakeDetector d = detectors.get();
                                        if (!opened.contains(d)) {
                                            opened.add(d);
                                        }
                                        Path v = videos.get(index);
                                        try {
                                            verdicts.put(index, d.detect(v));
                                        } catch (IOException | RuntimeException e) {
                                            failures.put(index, DfdCommand.describe(e));
                                        }
                                        if (videos.size() > 1) {
                                            progress.progress(
                                                    done.incrementAndGet(),
                                                    videos.size(),
                                                    v.getFileName().toString());
                                        }
                                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                opened.forEach(DeepfakeDetector::close);
            }
            report(videos, verdicts, failures, out, err);
            return failures.isEmpty() ? 0 : DfdCommand.EXIT_FAILURE;
        }
    }

    private DeepfakeDetector newDetector(Classifier shared, CropPolicy policy) {
        try {
            return DeepfakeDetector.builder()
                    .setFrameSources(FrameSources::open)
                    .optSampling(FrameSampling.evenlySpaced(frames))
                    .setFaceDetector(FaceDetectors.mtcnn(detectMaxSide))
                    .setTracker(IouFaceTracker.builder().build())
                    .setCropper(new PolicyCropper(policy))
                    .setClassifier(shared)
                    .optAggregator(aggregator())
                    .optNoFacePrior(prior)
                    .optMinTrackShare(minTrackShare)
                    .optClassifierBatch(batchSize)
                    .optTestTimeAugmentation(
                            flip
                                    ? new TestTimeAugmentation(true, 0, 0, 0)
                                    : TestTimeAugmentation.NONE)
                    .build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Aggregator aggregator() {
        Aggregator a =
                switch (aggregate.toLowerCase(Locale.ROOT)) {
                    case "confident" -> Aggregator.confident();
                    case "mean" -> Aggregator.mean();
                    case "max" -> Aggregator.max();
                    default ->
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "--aggregate must be confident, mean or max, got " + aggregate);
                };
        if (clip == null) {
            return a;
        }
        String[] parts = clip.split(",");
        try {
            return a.clipped(
                    Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--clip must be LOW,HIGH with 0 <= LOW <= HIGH <= 1, got " + clip);
        }
    }

    private Ensemble loadModels(Device device) throws IOException {
        List<Classifier> members = new ArrayList<>();
        try {
            for (String spec : models) {
                int colon = spec.indexOf(':');
                if (colon <= 0 || colon == spec.length() - 1) {
                    throw new CommandLine.ParameterException(
                            this.spec.commandLine(),
                            "--model must be ARCH:CHECKPOINT, got " + spec);
                }
                String arch = spec.substring(0, colon);
                Path weights = Path.of(spec.substring(colon + 1));
                if (!Files.isRegularFile(weights)) {
                    throw new IOException(weights + ": checkpoint not found");
                }
                NetworkRunner runner = NetworkRunner.load(arch, Head.DFDC, weights, device, true);
                members.add(NetworkClassifier.of(weights.getFileName().toString(), runner, size));
            }
            return Ensemble.of(members);
        } catch (IOException | RuntimeException e) {
            members.forEach(Classifier::close);
            throw e;
        }
    }

    /** The ensemble seen by every per-thread pipeline, which must not close it. */
    private static Classifier shared(Ensemble ensemble) {
        return new Classifier() {
            @Override
            public int inputSize() {
                return ensemble.inputSize();
            }

            @Override
            public double[] predict(List<RgbImage> crops) {
                return ensemble.predict(crops);
            }
        };
    }

    private List<Path> collectVideos() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(DetectCommand::isVideo)
                            .sorted()
                            .forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "no video files in " + inputs);
        }
        return out;
    }

    private static boolean isVideo(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private void report(
            List<Path> videos,
            Map<Integer, VideoVerdict> verdicts,
            Map<Integer, String> failures,
            PrintWriter out,
            PrintWriter err)
            throws IOException {
        for (int i = 0; i < videos.size(); i++) {
            VideoVerdict v = verdicts.get(i);
            if (v == null) {
                err.println("dfd: " + videos.get(i) + ": skipped: " + failures.get(i));
                continue;
            }
            int crops = v.tracks().stream().mapToInt(VideoVerdict.TrackScore::crops).sum();
            long counted = v.tracks().stream().filter(VideoVerdict.TrackScore::counted).count();
            long brief = v.tracks().size() - counted;
            out.printf(
                    Locale.ROOT,
                    "%s\t%.4f\t%s\t%s%n",
                    videos.get(i),
                    v.probability(),
                    v.probability() >= 0.5 ? "FAKE" : "REAL",
                    v.faceFound()
                            ? String.format(
                                    Locale.ROOT,
                                    "%d person(s)%s, %d crops, %.1f s",
                                    counted,
                                    brief > 0 ? " (+" + brief + " seen briefly, not counted)" : "",
                                    crops,
                                    v.stageMillis().get("total") / 1000.0)
                            : "no face found: prior " + v.probability());
        }
        if (json != null) {
            JsonArray all = new JsonArray();
            for (int i = 0; i < videos.size(); i++) {
                all.add(toJson(videos.get(i), verdicts.get(i), failures.get(i)));
            }
            AtomicFiles.writeString(
                    json,
                    new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(all));
        }
        if (submission != null) {
            StringBuilder sb = new StringBuilder("filename,label\n");
            for (int i = 0; i < videos.size(); i++) {
                VideoVerdict v = verdicts.get(i);
                double p = v == null ? prior : v.probability();
                sb.append(videos.get(i).getFileName())
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.6f", p))
                        .append('\n');
            }
            AtomicFiles.writeString(submission, sb.toString());
        }
    }

    private static JsonObject toJson(Path video, VideoVerdict v, String failure) {
        JsonObject o = new JsonObject();
        o.addProperty("video", video.toString());
        if (v == null) {
            o.add("probability", com.google.gson.JsonNull.INSTANCE);
            o.addProperty("error", failure);
            return o;
        }
        o.addProperty("probability", v.probability());
        o.addProperty("face_found", v.faceFound());
        JsonArray tracks = new JsonArray();
        for (VideoVerdict.TrackScore t : v.tracks()) {
            JsonObject j = new JsonObject();
            j.addProperty("track", t.trackId());
            j.addProperty("probability", t.probability());
            j.addProperty("crops", t.crops());
            j.addProperty("counted", t.counted());
            tracks.add(j);
        }
        o.add("tracks", tracks);
        JsonArray frames = new JsonArray();
        for (VideoVerdict.FrameScores f : v.frames()) {
            JsonObject j = new JsonObject();
            j.addProperty("frame", f.frameIndex());
            JsonArray faces = new JsonArray();
            for (VideoVerdict.FaceScore s : f.faces()) {
                JsonObject fs = new JsonObject();
                fs.addProperty("track", s.trackId());
                JsonArray box = new JsonArray();
                box.add(s.box().x1());
                box.add(s.box().y1());
                box.add(s.box().x2());
                box.add(s.box().y2());
                fs.add("box", box);
                fs.addProperty("detector_score", s.detectorScore());
                fs.addProperty("probability", s.fakeProbability());
                faces.add(fs);
            }
            j.add("faces", faces);
            frames.add(j);
        }
        o.add("frames", frames);
        JsonObject ms = new JsonObject();
        v.stageMillis().forEach(ms::addProperty);
        o.add("stage_millis", ms);
        return o;
    }

    /** Writes text files through a temporary file renamed into place. */
    static final class AtomicFiles {
        private AtomicFiles() {}

        static void writeString(Path file, String text) throws IOException {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(
                        tmp,
                        file,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
