package dev.dfd.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pickles written by hand from the opcode definitions of Python's pickletools. */
class UnpicklerTest {
    private static Object load(byte[] pickle) throws CheckpointException {
        return Unpickler.load(
                ByteBuffer.wrap(pickle),
                "test.pkl",
                pid -> {
                    throw new CheckpointException("unexpected persistent id " + pid);
                });
    }

    @Test
    void protocolZeroTextOpcodes() throws CheckpointException {
        String text =
                "(dp0\nVa\np1\nI1\nsVb\np2\n(lp3\nF2.5\naS'x\\n'\np4\nasVc\np5\n(I01\nNtp6\n"
                        + "sVd\np7\nL12345678901234567890L\nsVe\np8\ng6\ns.";

        Object o = load(text.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(o).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) o;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("a", "b", "c", "d", "e"));
        assertThat(m.get("a")).isEqualTo(1L);
        assertThat(m.get("b")).isEqualTo(List.of(2.5, "x\n"));
        assertThat(m.get("c")).isEqualTo(Arrays.asList(true, null));
        assertThat(m.get("d")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(m.get("e")).isSameAs(m.get("c"));
    }

    @Test
    void binaryIntegersOfAllWidths() throws CheckpointException {
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .mark()
                        .op('K')
                        .op(200)
                        .op('M')
                        .op(0x34)
                        .op(0x12)
                        .op('J')
                        .int32(-1)
                        .op(0x8a)
                        .op(2)
                        .op(0x00)
                        .op(0x80)
                        .op(0x8a)
                        .op(0)
                        .op(0x8b)
                        .int32(9)
                        .raw(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1})
                        .tuple()
                        .stop()
                        .bytes();

        assertThat(load(pickle))
                .isEqualTo(List.of(200L, 0x1234L, -1L, -32768L, 0L, BigInteger.ONE.shiftLeft(64)));
    }

    @Test
    void protocolFourFramesMemoizeAndStackGlobal() throws CheckpointException {
        byte[] body =
                new PickleBytes()
                        .op(0x8c)
                        .op(11)
                        .text("collections")
                        .op(0x94)
                        .op(0x8c)
                        .op(11)
                        .text("OrderedDict")
                        .op(0x94)
                        .op(0x93)
                        .op(0x94)
                        .op(')')
                        .op(0x81)
                        .op(0x94)
                        .op(0x8c)
                        .op(1)
                        .text("k")
                        .op(0x94)
                        .op(']')
                        .op(0x94)
                        .mark()
                        .op('h')
                        .op(2)
                        .op(0x88)
                        .op('e')
                        .op('s')
                        .op('.')
                        .bytes();
        ByteBuffer frame = ByteBuffer.allocate(11 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.put((byte) 0x80).put((byte) 4).put((byte) 0x95).putLong(body.length).put(body);

        Object o = load(frame.array());

        assertThat(o).isInstanceOf(Map.class);
        List<?> value = (List<?>) ((Map<?, ?>) o).get("k");
        assertThat(value).hasSize(2).element(1).isEqualTo(true);
        assertThat(value.get(0)).isInstanceOf(PickleObjects.Global.class);
    }

    @Test
    void numpyFloat64ScalarAsTorchSavesABestLoss() throws CheckpointException {
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).array();
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .global("numpy.core.multiarray", "scalar")
                        .global("numpy", "dtype")
                        .mark()
                        .str("f8")
                        .op(0x89)
                        .op(0x88)
                        .tuple()
                        .reduce()
                        .mark()
                        .integer(3)
                        .str("<")
                        .op('N')
                        .op('N')
                        .op('N')
                        .integer(-1)
                        .integer(-1)
                        .integer(0)
                        .tuple()
                        .op('b')
                        .global("_codecs", "encode")
                        .mark()
                        .str(new String(le, StandardCharsets.ISO_8859_1))
                        .str("latin1")
                        .tuple()
                        .reduce()
                        .op(0x86)
                        .reduce()
                        .stop()
                        .bytes();

        assertThat(load(pickle)).isEqualTo(0.5);
    }

    @Test
    void corruptPicklesFailWithCheckpointException() {
        byte[] unknownOpcode = {(byte) 0x80, 2, (byte) 0xff, '.'};
        byte[] stackUnderflow = {(byte) 0x80, 2, 'a', '.'};
        byte[] missingMemo = {(byte) 0x80, 2, 'h', 7, '.'};
        byte[] hugeString = {(byte) 0x80, 2, 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        byte[] noStop = {(byte) 0x80, 2, 'N'};

        for (byte[] pickle :
                List.of(unknownOpcode, stackUnderflow, missingMemo, hugeString, noStop)) {
            assertThatThrownBy(() -> load(pickle))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith("test.pkl: ");
        }
    }

    @Test
    void selfReferencingDictKeyFailsCleanly() {
        // l = []; l.append(l); {l: 1}: a list that contains itself, used as a dict key.
        byte[] pickle =
                new PickleBytes()
                        .proto(2)
                        .op('}')
                        .op(']')
                        .op('q')
                        .op(0)
                        .op('h')
                        .op(0)
                        .op('a')
                        .integer(1)
                        .op('s')
                        .stop()
                        .bytes();

        assertThatThrownBy(() -> load(pickle)).isInstanceOf(CheckpointException.class);
    }
}
