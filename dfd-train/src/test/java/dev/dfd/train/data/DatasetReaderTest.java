package dev.dfd.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
    @TempDir Path root;

    private void part(int n, String metadata, String... files) throws IOException {
        Path dir = Files.createDirectories(root.resolve("dfdc_train_part_" + n));
        Files.writeString(dir.resolve("metadata.json"), metadata, StandardCharsets.UTF_8);
        for (String f : files) {
            Files.write(dir.resolve(f), new byte[] {0});
        }
    }

    private void dfdcFixture() throws IOException {
        part(
                0,
                """
                {"r1.mp4": {"label": "REAL", "split": "train"},
                 "f1.mp4": {"label": "FAKE", "split": "train", "original": "r1.mp4"},
                 "f2.mp4": {"label": "FAKE", "split": "train", "original": "r1.mp4"},
                 "f3.mp4": {"label": "FAKE", "split": "train", "original": "gone.mp4"},
                 "lost.mp4": {"label": "REAL", "split": "train"}}
                """,
                "r1.mp4",
                "f1.mp4",
                "f2.mp4",
                "f3.mp4");
        part(
                45,
                """
                {"r2.mp4": {"label": "REAL"}, "f4.mp4": {"label": "FAKE", "original": "r2.mp4"},
                 "r3.mp4": {"label": "REAL"}}
                """,
                "r2.mp4",
                "f4.mp4",
                "r3.mp4");
    }

    @Test
    void readsTheDfdcLayoutAndReportsWhatItSkips() throws IOException {
        dfdcFixture();
        DatasetReader.Result r = DatasetReader.read(root);
        Dataset d = r.dataset();

        assertThat(d.videos())
                .extracting(VideoEntry::name)
                .containsExactly("f1.mp4", "f2.mp4", "r1.mp4", "f4.mp4", "r2.mp4", "r3.mp4");
        assertThat(d.count(Label.FAKE)).isEqualTo(3);
        assertThat(r.skipped()).hasSize(2);
        assertThat(r.skipped()).anyMatch(s -> s.contains("f3.mp4") && s.contains("gone.mp4"));
        assertThat(r.skipped()).anyMatch(s -> s.contains("lost.mp4") && s.contains("missing"));
        assertThat(d.find(45, "f4.mp4").orElseThrow().original()).contains("r2.mp4");
    }

    @Test
    void splitsByFolderAndPairsFakesWithTheirOriginals() throws IOException {
        dfdcFixture();
        Dataset d = DatasetReader.read(root).dataset();
        Splits splits = Splits.reference2020();

        Dataset train = d.parts(splits.isTraining());
        Dataset val = d.parts(splits.isValidation());
        assertThat(train.videos()).allMatch(v -> v.part() == 0);
        assertThat(val.videos()).allMatch(v -> v.part() == 45);
        assertThat(train.fakePairs())
                .extracting(p -> p.fake().name() + "<-" + p.real().name())
                .containsExactly("f1.mp4<-r1.mp4", "f2.mp4<-r1.mp4");
    }

    @Test
    void validationKeepsOneFakePerReal() throws IOException {
        dfdcFixture();
        Dataset train = DatasetReader.read(root).dataset().parts(p -> p == 0);
        Set<String> chosen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Dataset one = train.oneFakePerReal(seed);
            assertThat(one.count(Label.REAL)).isEqualTo(1);
            assertThat(one.count(Label.FAKE)).isEqualTo(1);
            one.videos().stream()
                    .filter(v -> v.label() == Label.FAKE)
                    .forEach(v -> chosen.add(v.name()));
            assertThat(train.oneFakePerReal(seed)).isEqualTo(one);
        }
        assertThat(chosen).containsExactlyInAnyOrder("f1.mp4", "f2.mp4");
    }

    @Test
    void readsPlainFoldersAndCsv() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createDirectories(root.resolve("fake"));
        Files.write(root.resolve("real/a.mp4"), new byte[] {0});
        Files.write(root.resolve("fake/b.MOV"), new byte[] {0});
        Files.writeString(root.resolve("fake/notes.txt"), "not a video");
        Dataset plain = DatasetReader.read(root).dataset();
        assertThat(plain.videos())
                .extracting(v -> v.name() + ":" + v.label())
                .containsExactly("a.mp4:REAL", "b.MOV:FAKE");

        Path csv = root.resolve("list.csv");
        Files.writeString(csv, "path,label\nreal/a.mp4,0\nfake/b.MOV,FAKE\nmissing.mp4,1\n");
        DatasetReader.Result r = DatasetReader.read(csv);
        assertThat(r.dataset().videos())
                .extracting(VideoEntry::label)
                .containsExactly(Label.REAL, Label.FAKE);
        assertThat(r.skipped()).singleElement().asString().contains("missing.mp4");
    }

    @Test
    void badInputNamesTheFileAndLine() throws IOException {
        Path csv = root.resolve("bad.csv");
        Files.writeString(csv, "path,label\nx.mp4,MAYBE\n");
        assertThatThrownBy(() -> DatasetReader.read(csv))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.csv:2")
                .hasMessageContaining("MAYBE");
        part(3, "{\"a.mp4\": [1, 2]}");
        assertThatThrownBy(() -> DatasetReader.read(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("metadata.json")
                .hasMessageContaining("a.mp4");
        assertThatThrownBy(() -> DatasetReader.read(root.resolve("nope")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void pairBatchesAreBalancedDeterministicAndReshuffledEachEpoch() {
        List<Dataset.FakePair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            VideoEntry real =
                    new VideoEntry(
                            Path.of("r" + i + ".mp4"), Label.REAL, 0, java.util.Optional.empty());
            VideoEntry fake =
                    new VideoEntry(
                            Path.of("f" + i + ".mp4"),
                            Label.FAKE,
                            0,
                            java.util.Optional.of("r" + i + ".mp4"));
            pairs.add(new Dataset.FakePair(fake, real));
        }
        PairBatches<Dataset.FakePair> batches = new PairBatches<>(pairs, 8, 42);
        assertThat(batches.batchesPerEpoch()).isEqualTo(2);

        Set<Dataset.FakePair> epoch0 = new HashSet<>(batches.batch(0, 0));
        epoch0.addAll(batches.batch(0, 1));
        assertThat(epoch0).hasSize(16);
        assertThat(batches.batch(0, 1)).isEqualTo(new PairBatches<>(pairs, 8, 42).batch(0, 1));
        assertThat(batches.batch(1, 0)).isNotEqualTo(batches.batch(0, 0));
        assertThatThrownBy(() -> new PairBatches<>(pairs.subList(0, 3), 8, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8");
    }

    @Test
    void splitListsParse() {
        Splits s = Splits.parse("0, 5, 10-12");
        assertThat(s.isValidation().test(11)).isTrue();
        assertThat(s.isValidation().test(13)).isFalse();
        assertThat(s.isTraining().test(1)).isTrue();
        assertThatThrownBy(() -> Splits.parse("4x")).isInstanceOf(IllegalArgumentException.class);
    }
}
