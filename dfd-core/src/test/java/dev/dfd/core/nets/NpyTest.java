package dev.dfd.core.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir Path dir;

    @Test
    void readsNumpyFloat32AndFloat64Files() throws IOException {
        Npy.Tensor f32 =
                Npy.read(
                        SharedData.path("reference/efficientnet/io/tf_efficientnet_b0.output.npy"));
        Npy.Tensor f64 =
                Npy.read(
                        SharedData.path(
                                "reference/efficientnet/io/tf_efficientnet_b0.output_f64.npy"));
        assertThat(f32.shape()).containsExactly(2, 1000);
        assertThat(f64.shape()).containsExactly(2, 1000);
        double max = 0;
        for (int i = 0; i < f32.data().length; i++) {
            max = Math.max(max, Math.abs(f32.data()[i] - f64.data()[i]));
        }
        // The README gives 5.3e-6 as the float32-float64 gap of this model.
        assertThat(max).isGreaterThan(0).isLessThan(1e-5);

        Npy.Tensor input = Npy.read(SharedData.path("reference/efficientnet/io/input_224.npy"));
        assertThat(input.shape()).containsExactly(2, 3, 224, 224);
    }

    @Test
    void writesWhatNumpyWritesAndReadsItBack() throws IOException {
        Npy.Tensor t = new Npy.Tensor(new long[] {2, 3}, new float[] {1, -2, 3.5f, 0, 1e-7f, 6});
        Path file = dir.resolve("t.npy");
        Npy.write(file, t);
        byte[] bytes = Files.readAllBytes(file);
        String header = new String(bytes, 10, bytes.length - 10 - 24, "ISO-8859-1");
        assertThat(header)
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }")
                .endsWith("\n");
        assertThat((bytes.length - 24) % 64).isZero();
        assertThat(Npy.read(file)).isEqualTo(t);

        Npy.Tensor vector = new Npy.Tensor(new long[] {3}, new float[] {1, 2, 3});
        Npy.write(file, vector);
        assertThat(new String(Files.readAllBytes(file), "ISO-8859-1")).contains("'shape': (3,)");
        assertThat(Npy.read(file)).isEqualTo(vector);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void rejectsFilesItCannotRead() throws IOException {
        Path notNpy = Files.write(dir.resolve("x.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertThatThrownBy(() -> Npy.read(notNpy))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("x.npy")
                .hasMessageContaining("not a .npy file");

        Path file = dir.resolve("t.npy");
        Npy.write(file, new Npy.Tensor(new long[] {4, 4}, new float[16]));
        byte[] bytes = Files.readAllBytes(file);
        Path truncated =
                Files.write(dir.resolve("cut.npy"), Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> Npy.read(truncated))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut.npy")
                .hasMessageContaining("truncated");

        String text = new String(bytes, "ISO-8859-1").replace("<f4", "<i4");
        Path ints = Files.write(dir.resolve("ints.npy"), text.getBytes("ISO-8859-1"));
        assertThatThrownBy(() -> Npy.read(ints))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'<i4'");
    }

    @Test
    void tensorShapeMustFitItsData() {
        assertThatThrownBy(() -> new Npy.Tensor(new long[] {2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 2]");
    }
}
