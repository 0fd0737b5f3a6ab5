package dev.dfd.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    private static final byte[] BODY = "weights".getBytes(StandardCharsets.US_ASCII);

    @TempDir Path tmp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/w.bin",
                exchange -> {
                    requests.incrementAndGet();
                    exchange.sendResponseHeaders(200, BODY.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BODY);
                    }
                });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/w.bin");
    }

    private static String sha(byte[] bytes) throws IOException {
        Path f = Files.createTempFile("sha", ".bin");
        Files.write(f, bytes);
        try {
            return ModelStore.sha256(f);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void sha256MatchesKnownDigest() throws IOException {
        // sha256 of the empty input, a fixed value from FIPS 180-4 examples.
        assertThat(sha(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // sha256("abc"), FIPS 180-4 example B.1.
        assertThat(sha("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void downloadsOnceIntoCacheAfterCheckingTheDigest() throws IOException {
        ModelStore store = ModelStore.of(Optional.empty(), tmp.resolve("cache"), true);
        ModelFile file = new ModelFile("x/w.bin", sha(BODY), Optional.of(url()));

        Path first = store.resolve(file);
        Path second = store.resolve(file);

        assertThat(first).isEqualTo(tmp.resolve("cache/x/w.bin")).hasBinaryContent(BODY);
        assertThat(second).isEqualTo(first);
        assertThat(requests.get()).isEqualTo(1);
        try (var files = Files.list(tmp.resolve("cache/x"))) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void wrongDigestLeavesNothingBehind() throws IOException {
        ModelStore store = ModelStore.of(Optional.empty(), tmp.resolve("cache"), true);
        String wrong = "0".repeat(64);
        ModelFile file = new ModelFile("x/w.bin", wrong, Optional.of(url()));

        assertThatThrownBy(() -> store.resolve(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("x/w.bin")
                .hasMessageContaining(wrong);
        try (var files = Files.list(tmp.resolve("cache/x"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void modelDirComesBeforeCacheAndOverrideBeforeBoth() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models/mtcnn"));
        Files.write(dir.resolve("pnet.pt"), BODY);
        Path cache = Files.createDirectories(tmp.resolve("cache/mtcnn"));
        Files.write(cache.resolve("pnet.pt"), new byte[] {1});
        Path explicit = Files.write(tmp.resolve("mine.pt"), new byte[] {2});
        ModelStore store =
                ModelStore.of(Optional.of(tmp.resolve("models")), tmp.resolve("cache"), false);

        assertThat(store.resolve("mtcnn/pnet.pt")).isEqualTo(dir.resolve("pnet.pt"));
        store.override("mtcnn/pnet.pt", explicit);
        assertThat(store.resolve("mtcnn/pnet.pt")).isEqualTo(explicit);
    }

    @Test
    void offlineStoreNamesWhereItLooked() {
        ModelStore store =
                ModelStore.of(Optional.of(tmp.resolve("models")), tmp.resolve("cache"), false);
        assertThatThrownBy(() -> store.resolve("mtcnn/onet.pt"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mtcnn/onet.pt")
                .hasMessageContaining(tmp.resolve("models").toString())
                .hasMessageContaining("downloads are off");
    }

    @Test
    void sharedMtcnnWeightsMatchTheirRegisteredDigests() throws IOException {
        for (String name : new String[] {"mtcnn/pnet.pt", "mtcnn/rnet.pt", "mtcnn/onet.pt"}) {
            Path p = SharedData.model(name);
            assertThat(ModelStore.sha256(p))
                    .as(name)
                    .isEqualTo(ModelStore.known(name).orElseThrow().sha256());
        }
    }
}
