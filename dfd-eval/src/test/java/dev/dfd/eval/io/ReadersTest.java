package dev.dfd.eval.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void submissionKeepsFileOrderAndAcceptsBomQuotesAndBlankLines() throws IOException {
        Path f = write("s.csv", "\uFEFFFileName,Label\r\n\"b.mp4\",0.25\r\n\r\na.mp4, 1\r\n");
        Map<String, Double> p = SubmissionCsv.read(f);
        assertThat(p).containsExactly(Map.entry("b.mp4", 0.25), Map.entry("a.mp4", 1.0));
    }

    @Test
    void submissionErrorsNameFileAndLine() throws IOException {
        assertThatThrownBy(() -> SubmissionCsv.read(write("a.csv", "")))
                .isInstanceOf(EvaluationInputException.class)
                .hasMessageContaining("a.csv: empty file");
        assertThatThrownBy(() -> SubmissionCsv.read(write("b.csv", "name,prob\nx.mp4,0.1\n")))
                .hasMessageContaining("b.csv:1: expected the header filename,label");
        assertThatThrownBy(() -> SubmissionCsv.read(write("c.csv", "filename,label\n")))
                .hasMessageContaining("c.csv: no rows");
        assertThatThrownBy(() -> SubmissionCsv.read(write("d.csv", "filename,label\nx.mp4,-0.1\n")))
                .hasMessageContaining("d.csv:2: probability -0.1 of x.mp4 is not in [0, 1]");
        assertThatThrownBy(() -> SubmissionCsv.read(write("e.csv", "filename,label\nx.mp4,high\n")))
                .hasMessageContaining("e.csv:2: probability 'high' of x.mp4 is not a number");
        assertThatThrownBy(
                        () ->
                                SubmissionCsv.read(
                                        write("f.csv", "filename,label\nx.mp4,0.1\nx.mp4,0.2\n")))
                .hasMessageContaining("f.csv:3: file name 'x.mp4' repeats line 2");
        assertThatThrownBy(
                        () -> SubmissionCsv.read(write("g.csv", "filename,label\nx.mp4,0.1,3\n")))
                .hasMessageContaining("g.csv:2: expected 2 fields");
        assertThatThrownBy(() -> SubmissionCsv.read(dir.resolve("none.csv")))
                .isInstanceOf(EvaluationInputException.class)
                .hasMessageContaining("none.csv: no such file");
    }

    @Test
    void labelsFromMetadataJson() throws IOException {
        Path f =
                write(
                        "metadata.json",
                        "  {\"a.mp4\": {\"label\": \"FAKE\", \"original\": \"b.mp4\"},"
                                + " \"b.mp4\": {\"label\": \"REAL\", \"split\": \"train\"}}");
        assertThat(GroundTruth.read(f))
                .containsExactly(Map.entry("a.mp4", 1), Map.entry("b.mp4", 0));
    }

    @Test
    void labelsFromCsvInEveryAcceptedSpelling() throws IOException {
        Path f = write("l.csv", "filename,label\na,0\nb,1\nc,real\nd,FAKE\ne,Fake\n");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("a", 0);
        expected.put("b", 1);
        expected.put("c", 0);
        expected.put("d", 1);
        expected.put("e", 1);
        assertThat(GroundTruth.read(f)).containsExactlyEntriesOf(expected);
    }

    @Test
    void labelErrorsNameFileAndLineOrEntry() throws IOException {
        assertThatThrownBy(() -> GroundTruth.read(write("l.csv", "filename,label\na,0.7\n")))
                .hasMessageContaining("l.csv:2: label '0.7' of a is not 0, 1, REAL or FAKE");
        assertThatThrownBy(() -> GroundTruth.read(write("m.json", "{\"a.mp4\": {\"x\": 1}}")))
                .hasMessageContaining("m.json: entry \"a.mp4\" has no \"label\"");
        assertThatThrownBy(() -> GroundTruth.read(write("n.json", "{\"a.mp4\": ")))
                .hasMessageContaining("n.json: not valid JSON");
        assertThatThrownBy(() -> GroundTruth.read(write("o.json", "{}")))
                .hasMessageContaining("o.json: no entries");
    }

    @Test
    void matchingRequiresTheSameNamesUnlessAskedForTheIntersection()
            throws EvaluationInputException {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("a", 0.9);
        p.put("b", 0.2);
        p.put("x", 0.5);
        Map<String, Integer> y = Map.of("a", 1, "b", 0, "y", 1);
        assertThatThrownBy(() -> MatchedPredictions.match(p, y, false))
                .isInstanceOf(EvaluationInputException.class)
                .hasMessageContaining("1 prediction has no label: x")
                .hasMessageContaining("1 label has no prediction: y");
        MatchedPredictions m = MatchedPredictions.match(p, y, true);
        assertThat(m.filenames()).containsExactly("a", "b");
        assertThat(m.scores().labels()).containsExactly(1, 0);
        assertThat(m.scores().scores()).containsExactly(0.9, 0.2);
        assertThat(m.withoutLabel()).containsExactly("x");
        assertThat(m.withoutPrediction()).containsExactly("y");
        assertThatThrownBy(() -> MatchedPredictions.match(Map.of("q", 0.1), y, true))
                .hasMessageContaining("share no file name");
    }

    @Test
    void longListsOfNamesAreShortened() {
        var names = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "v" + i).toList();
        assertThat(MatchedPredictions.describe(names, java.util.List.of()))
                .startsWith("25 predictions have no label: v0, v1")
                .endsWith("v9 and 15 more");
    }
}
