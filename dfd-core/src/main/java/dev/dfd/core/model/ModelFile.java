package dev.dfd.core.model;

import java.net.URI;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A weight file the {@link ModelStore} knows by name.
 *
 * @param name the store-relative name, for example {@code mtcnn/pnet.pt}; also its path below a
 *     model directory or the cache
 * @param sha256 the expected SHA-256 of the file, 64 lower-case hex digits
 * @param url where to download it from, or empty when it must be supplied by hand
 */
public record ModelFile(String name, String sha256, Optional<URI> url) {
    /** Checks the arguments. */
    public ModelFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (name.isBlank() || name.startsWith("/") || name.contains("..")) {
            throw new IllegalArgumentException("model name must be a relative path, got " + name);
        }
        if (sha256.length() != 64) {
            throw new IllegalArgumentException("SHA-256 must have 64 hex digits, got " + sha256);
        }
        HexFormat.of().parseHex(sha256);
        sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
    }
}
