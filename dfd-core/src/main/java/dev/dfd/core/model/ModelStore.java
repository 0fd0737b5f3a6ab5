package dev.dfd.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds weight files by name, so that no weights live in the code base.
 *
 * <p>A name resolves, in this order, to: an explicit path given for it ({@link #override}); the
 * file of that name below the directory in the {@code DFD_MODEL_DIR} environment variable or the
 * {@code dfd.model.dir} system property (the property wins); the file below the user cache ({@code
 * ~/.cache/dfd}, or {@code dfd.cache.dir}); a download from its registered address into the cache.
 * A download goes to a temporary file, is checked against the registered SHA-256, and only then
 * moved into place, so an interrupted or corrupt download never leaves a file behind.
 *
 * <p>Thread-safe.
 */
public final class ModelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

    /** The facenet-pytorch MTCNN weights, from that project's {@code data/} folder. */
    private static final String FACENET_DATA =
            "https://raw.githubusercontent.com/timesler/facenet-pytorch/master/data/";

    private static final Map<String, ModelFile> KNOWN = new LinkedHashMap<>();

    static {
        register(
                "mtcnn/pnet.pt",
                "a2a71925e0b9996a42f63e47efc1ca19043e69558b5c523b978d611dfae49c8f",
                FACENET_DATA + "pnet.pt");
        register(
                "mtcnn/rnet.pt",
                "bbb937de72efc9ef83b186c49f5f558467a1d7e3453a8ece0d71a886633f6a86",
                FACENET_DATA + "rnet.pt");
        register(
                "mtcnn/onet.pt",
                "165bfbe42940416ccfb977545cf0e976d5bf321f67083ae2aaaa5c764280118d",
                FACENET_DATA + "onet.pt");
    }

    private final Map<String, Path> overrides = new java.util.concurrent.ConcurrentHashMap<>();
    private final Optional<Path> modelDir;
    private final Path cacheDir;
    private final boolean downloadsAllowed;

    private ModelStore(Optional<Path> modelDir, Path cacheDir, boolean downloadsAllowed) {
        this.modelDir = modelDir;
        this.cacheDir = cacheDir;
        this.downloadsAllowed = downloadsAllowed;
    }

    private static void register(String name, String sha256, String url) {
        KNOWN.put(name, new ModelFile(name, sha256, Optional.of(URI.create(url))));
    }

    /**
     * The store configured from the environment: {@code dfd.model.dir} or {@code DFD_MODEL_DIR},
     * {@code dfd.cache.dir} or {@code ~/.cache/dfd}, downloads allowed unless {@code dfd.offline}
     * is {@code true}.
     *
     * @return the store
     */
    public static ModelStore fromEnvironment() {
        String dir = System.getProperty("dfd.model.dir", System.getenv("DFD_MODEL_DIR"));
        Optional<Path> modelDir =
                dir == null || dir.isBlank()
                        ? Optional.empty()
                        : Optional.of(Path.of(dir).toAbsolutePath().normalize());
        String cache = System.getProperty("dfd.cache.dir");
        Path cacheDir =
                cache != null
                        ? Path.of(cache)
                        : Path.of(System.getProperty("user.home"), ".cache", "dfd");
        return new ModelStore(modelDir, cacheDir, !Boolean.getBoolean("dfd.offline"));
    }

    /**
     * A store with explicit directories.
     *
     * @param modelDir a directory of model files searched first, or empty
     * @param cacheDir the cache that downloads go to
     * @param downloadsAllowed whether a missing file may be downloaded
     * @return the store
     */
    public static ModelStore of(Optional<Path> modelDir, Path cacheDir, boolean downloadsAllowed) {
        return new ModelStore(modelDir, cacheDir, downloadsAllowed);
    }

    /**
     * The registered description of a file.
     *
     * @param name the store-relative name
     * @return the description, or empty when the name is not registered
     */
    public static Optional<ModelFile> known(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /**
     * Resolves {@code name} to this explicit path from now on.
     *
     * @param name the store-relative name
     * @param path the file to use
     * @return this store
     */
    public ModelStore override(String name, Path path) {
        overrides.put(name, path);
        return this;
    }

    /** The model directory searched before the cache, if any. */
    public Optional<Path> modelDir() {
        return modelDir;
    }

    /**
     * Finds a file without downloading it.
     *
     * @param name the store-relative name, for example {@code mtcnn/pnet.pt}
     * @return the path of an existing file, or empty
     */
    public Optional<Path> find(String name) {
        Path override = overrides.get(name);
        if (override != null) {
            return Files.isRegularFile(override) ? Optional.of(override) : Optional.empty();
        }
        if (modelDir.isPresent()) {
            Path p = modelDir.get().resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        Path cached = cacheDir.resolve(name);
        return Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /**
     * Finds a file, downloading a registered one into the cache when it is nowhere else.
     *
     * @param name the store-relative name
     * @return the path of the file
     * @throws IOException if the file is not found and cannot be downloaded, or the download does
     *     not match its SHA-256
     */
    public Path resolve(String name) throws IOException {
        ModelFile file = KNOWN.get(name);
        if (file == null) {
            return find(name)
                    .orElseThrow(
                            () ->
                                    new IOException(
                                            "model file "
                                                    + name
                                                    + " not found (searched "
                                                    + searched(name)
                                                    + ") and no download address is registered"));
        }
        return resolve(file);
    }

    /**
     * Finds a described file, downloading it into the cache when it is nowhere else.
     *
     * @param file the description: name, SHA-256 and download address
     * @return the path of the file
     * @throws IOException if the file is not found and cannot be downloaded, or the download does
     *     not match its SHA-256
     */
    public Path resolve(ModelFile file) throws IOException {
        Optional<Path> found = find(file.name());
        if (found.isPresent()) {
            return found.get();
        }
        if (file.url().isEmpty()) {
            throw new IOException(
                    "model file "
                            + file.name()
                            + " not found (searched "
                            + searched(file.name())
                            + ") and has no download address");
        }
        if (!downloadsAllowed) {
            throw new IOException(
                    "model file "
                            + file.name()
                            + " not found (searched "
                            + searched(file.name())
                            + ") and downloads are off; set DFD_MODEL_DIR");
        }
        return download(file);
    }

    private String searched(String name) {
        return (overrides.containsKey(name) ? overrides.get(name) + ", " : "")
                + modelDir.map(d -> d.resolve(name) + ", ").orElse("")
                + cacheDir.resolve(name);
    }

    private Path download(ModelFile file) throws IOException {
        Path target = cacheDir.resolve(file.name());
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".download-", ".part");
        URI url = file.url().orElseThrow();
        LOG.info("Downloading {} from {}", file.name(), url);
        try {
            HttpClient client =
                    HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .connectTimeout(Duration.ofSeconds(30))
                            .build();
            HttpResponse<InputStream> response =
                    client.send(
                            HttpRequest.newBuilder(url).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException(
                        "downloading "
                                + file.name()
                                + " from "
                                + url
                                + ": HTTP "
                                + response.statusCode());
            }
            String actual;
            try (InputStream in = response.body()) {
                actual = copyAndHash(in, tmp);
            }
            if (!actual.equals(file.sha256())) {
                throw new IOException(
                        "downloaded "
                                + file.name()
                                + " has SHA-256 "
                                + actual
                                + ", expected "
                                + file.sha256());
            }
            moveIntoPlace(tmp, target);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + file.name() + " interrupted", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Computes the SHA-256 of a file.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copyAndHash(in, null);
        }
    }

    private static String copyAndHash(InputStream in, Path out) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (DigestInputStream din = new DigestInputStream(in, digest)) {
            if (out != null) {
                Files.copy(din, out, StandardCopyOption.REPLACE_EXISTING);
            } else {
                din.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
