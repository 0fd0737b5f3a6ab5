package dev.dfd.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile, truncated and synthetic files. */
class PickleSafetyTest {
    @TempDir Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void osSystemGlobalIsRejectedByName() throws IOException {
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .global("os", "system")
                        .str("echo pwned")
                        .op(0x85)
                        .reduce()
                        .stop()
                        .bytes();
        Path file = write("evil.pt", pickle);

        assertThatThrownBy(() -> Checkpoints.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unsupported pickle global os.system");
    }

    @Test
    void builtinsEvalThroughStackGlobalIsRejectedByName() throws IOException {
        byte[] pickle =
                new PickleBytes()
                        .proto(4)
                        .op(0x8c)
                        .op(8)
                        .text("builtins")
                        .op(0x8c)
                        .op(4)
                        .text("eval")
                        .op(0x93)
                        .str("__import__('os').system('id')")
                        .op(0x85)
                        .reduce()
                        .stop()
                        .bytes();

        assertThatThrownBy(() -> Checkpoints.read(write("evil4.pt", pickle)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("unsupported pickle global builtins.eval");
    }

    @Test
    void instOpcodeWithUnknownClassIsRejectedByName() throws IOException {
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .mark()
                        .str("ls")
                        .op('i')
                        .text("posix\nsystem\n")
                        .stop()
                        .bytes();

        assertThatThrownBy(() -> Checkpoints.read(write("evil-inst.pt", pickle)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("unsupported pickle global posix.system");
    }

    @Test
    void reduceOfANonCallableIsRejected() throws IOException {
        byte[] notGlobal =
                new PickleBytes().proto(2).str("os.system").op(')').reduce().stop().bytes();
        byte[] storageClass =
                new PickleBytes()
                        .proto(2)
                        .global("torch", "FloatStorage")
                        .op(')')
                        .reduce()
                        .stop()
                        .bytes();

        assertThatThrownBy(() -> Checkpoints.read(write("a.pt", notGlobal)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not an allowed global");
        assertThatThrownBy(() -> Checkpoints.read(write("b.pt", storageClass)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("torch.FloatStorage cannot be called");
    }

    @Test
    void hostileGlobalInsideAZipCheckpointIsRejected() throws IOException {
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .global("subprocess", "Popen")
                        .str("id")
                        .op(0x85)
                        .reduce()
                        .stop()
                        .bytes();
        Path file = zip("evil.pth", Map.of("evil/data.pkl", pickle));

        assertThatThrownBy(() -> Checkpoints.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("unsupported pickle global subprocess.Popen");
    }

    @Test
    void hostileGlobalAfterARealLegacyHeaderIsRejected() throws IOException {
        byte[] header = Arrays.copyOf(Files.readAllBytes(SharedData.model("mtcnn/pnet.pt")), 137);
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .global("nt", "system")
                        .str("dir")
                        .op(0x85)
                        .reduce()
                        .stop()
                        .bytes();
        byte[] file = Arrays.copyOf(header, header.length + pickle.length);
        System.arraycopy(pickle, 0, file, header.length, pickle.length);

        assertThatThrownBy(() -> Checkpoints.read(write("evil-legacy.pt", file)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("unsupported pickle global nt.system");
    }

    @Test
    void truncatedLegacyFilesAreRejected() throws IOException {
        byte[] full = Files.readAllBytes(SharedData.model("mtcnn/pnet.pt"));
        assertThat(Checkpoints.read(write("full.pt", full)).size()).isEqualTo(13);

        for (int cut :
                new int[] {
                    0, 1, 16, 100, 137, 900, 1656, 1657, 1700, 1950, 9000, full.length - 1
                }) {
            Path file = write("cut" + cut + ".pt", Arrays.copyOf(full, cut));
            assertThatThrownBy(() -> Checkpoints.read(file))
                    .as("cut at %d", cut)
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void truncatedZipAndSafetensorsFilesAreRejected() throws IOException {
        String base = "reference/efficientnet/";
        for (String name : List.of("dfdc_b0.dfdc.pth", "tf_efficientnet_b0.safetensors")) {
            byte[] full = Files.readAllBytes(SharedData.path(base + name));
            for (int cut :
                    new int[] {3, 9, 5000, full.length / 2, full.length - 100, full.length - 1}) {
                Path file = write("cut" + cut + "-" + name, Arrays.copyOf(full, cut));
                assertThatThrownBy(() -> Checkpoints.read(file))
                        .as("%s cut at %d", name, cut)
                        .isInstanceOf(CheckpointException.class)
                        .hasMessageContaining(file.toString());
            }
        }
    }

    @Test
    void corruptStorageSizeInAZipIsRejected() throws IOException {
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .op('}')
                        .str("w")
                        .tensor("FloatStorage", "0", 6, 0, new long[] {2, 3}, new long[] {3, 1})
                        .op('s')
                        .stop()
                        .bytes();
        Path file = zip("short.pth", Map.of("m/data.pkl", pickle, "m/data/0", new byte[20]));

        assertThatThrownBy(() -> Checkpoints.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("m/data/0");
    }

    @Test
    void syntheticZipWithSharedStorageStridesNestingAndMetadata() throws IOException {
        // One float storage of 8 elements 0..7 shared by two tensors: "a" is the 2x3 transpose
        // view (stride [1, 2]) at offset 2 and "b" the row-major 2x2 view at offset 4.
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .op('}')
                        .mark()
                        .str("model")
                        .op('}')
                        .mark()
                        .str("module.a")
                        .tensor("FloatStorage", "7", 8, 2, new long[] {2, 3}, new long[] {1, 2})
                        .str("module.b")
                        .tensor("FloatStorage", "7", 8, 4, new long[] {2, 2}, new long[] {2, 1})
                        .str("module.steps")
                        .tensor("LongStorage", "9", 1, 0, new long[] {}, new long[] {})
                        .op('u')
                        .str("epoch")
                        .integer(12)
                        .str("best")
                        .real(0.25)
                        .str("name")
                        .str("b0")
                        .str("flags")
                        .mark()
                        .op(0x88)
                        .op('N')
                        .tuple()
                        .str("sizes")
                        .ints(3, 4)
                        .op('u')
                        .stop()
                        .bytes();
        ByteBuffer floats = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            floats.putFloat(4 * i, i);
        }
        byte[] steps = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 42).array();
        Path file =
                zip(
                        "synthetic.pth",
                        Map.of(
                                "archive/data.pkl",
                                pickle,
                                "archive/data/7",
                                floats.array(),
                                "archive/data/9",
                                steps,
                                "archive/byteorder",
                                "little".getBytes()));

        Checkpoint c = Checkpoints.readFull(file);

        StateDict d = c.stateDict();
        assertThat(d.keys()).containsExactly("a", "b", "steps");
        assertThat(d.get("a").shape()).containsExactly(2, 3);
        assertThat(d.get("a").toFloatArray()).containsExactly(2, 4, 6, 3, 5, 7);
        assertThat(d.get("b").toFloatArray()).containsExactly(4, 5, 6, 7);
        assertThat(d.get("steps").dataType()).isEqualTo(DataType.INT64);
        assertThat(d.get("steps").shape()).isEmpty();
        assertThat(d.get("steps").toLongArray()).containsExactly(42);
        assertThat(c.metadata())
                .containsOnlyKeys("epoch", "best", "name", "sizes")
                .containsEntry("epoch", 12L)
                .containsEntry("best", 0.25)
                .containsEntry("name", "b0")
                .containsEntry("sizes", List.of(3L, 4L));
    }

    @Test
    void bigEndianZipIsConvertedAndPartialModulePrefixIsKept() throws IOException {
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .op('}')
                        .mark()
                        .str("module.x")
                        .tensor("DoubleStorage", "0", 2, 0, new long[] {2}, new long[] {1})
                        .str("y")
                        .tensor("HalfStorage", "1", 1, 0, new long[] {1}, new long[] {1})
                        .op('u')
                        .stop()
                        .bytes();
        byte[] doubles = ByteBuffer.allocate(16).putDouble(1.5).putDouble(-3).array();
        byte[] half = {(byte) 0x3c, 0};
        Path file =
                zip(
                        "be.pth",
                        Map.of(
                                "be/data.pkl", pickle,
                                "be/data/0", doubles,
                                "be/data/1", half,
                                "be/byteorder", "big".getBytes()));

        StateDict d = Checkpoints.read(file);

        assertThat(d.keys()).containsExactly("module.x", "y");
        assertThat(d.get("module.x").toFloatArray()).containsExactly(1.5f, -3f);
        assertThat(d.get("y").toFloatArray()).containsExactly(1f);
    }

    @Test
    void syntheticLegacyFileWithAStorageViewAndAStridedTensor() throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(15).order(ByteOrder.LITTLE_ENDIAN);
        magic.put((byte) 0x80).put((byte) 2).put((byte) 0x8a).put((byte) 10);
        byte[] magicValue = {
            0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19
        };
        magic.put(magicValue).put((byte) '.');
        byte[] protocol = new PickleBytes().proto(2).integer(1001).stop().bytes();
        byte[] sysInfo =
                new PickleBytes()
                        .proto(2)
                        .op('}')
                        .str("little_endian")
                        .op(0x88)
                        .op('s')
                        .stop()
                        .bytes();
        // "v": a view of storage 5 starting at element 2, then offset 1 inside it, 2 elements.
        // "s": every second element of storage 5. "x": its own int64 storage 6.
        byte[] main =
                new PickleBytes()
                        .proto(2)
                        .global("collections", "OrderedDict")
                        .op(')')
                        .reduce()
                        .mark()
                        .str("v")
                        .legacyTensor(
                                "FloatStorage",
                                "5",
                                6,
                                "5v",
                                2,
                                4,
                                1,
                                new long[] {2},
                                new long[] {1})
                        .str("s")
                        .legacyTensor(
                                "FloatStorage",
                                "5",
                                6,
                                null,
                                0,
                                0,
                                0,
                                new long[] {3},
                                new long[] {2})
                        .str("x")
                        .legacyTensor(
                                "LongStorage",
                                "6",
                                1,
                                null,
                                0,
                                0,
                                0,
                                new long[] {1},
                                new long[] {1})
                        .op('u')
                        .stop()
                        .bytes();
        byte[] keys =
                new PickleBytes().proto(2).op(']').mark().str("5").str("6").op('e').stop().bytes();
        ByteBuffer storages = ByteBuffer.allocate(8 + 24 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        storages.putLong(6);
        for (int i = 0; i < 6; i++) {
            storages.putFloat(10 + i);
        }
        storages.putLong(1).putLong(-7);
        ByteBuffer file =
                ByteBuffer.allocate(
                        magic.capacity()
                                + protocol.length
                                + sysInfo.length
                                + main.length
                                + keys.length
                                + storages.capacity());
        file.put(magic.array())
                .put(protocol)
                .put(sysInfo)
                .put(main)
                .put(keys)
                .put(storages.array());

        StateDict d = Checkpoints.read(write("synthetic-legacy.pt", file.array()));

        assertThat(d.keys()).containsExactly("v", "s", "x");
        assertThat(d.get("v").toFloatArray()).containsExactly(13, 14);
        assertThat(d.get("s").toFloatArray()).containsExactly(10, 12, 14);
        assertThat(d.get("x").toLongArray()).containsExactly(-7);

        byte[] cut = Arrays.copyOf(file.array(), file.capacity() - 9);
        assertThatThrownBy(() -> Checkpoints.read(write("cut-legacy.pt", cut)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("storage 6 is cut off");
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return p;
    }
}
