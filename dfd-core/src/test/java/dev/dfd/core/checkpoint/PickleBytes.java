package dev.dfd.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, to build hostile and synthetic test files. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes proto(int protocol) {
        return op(0x80).op(protocol);
    }

    /** GLOBAL (protocol 0-3 style). */
    PickleBytes global(String module, String name) {
        return op('c').text(module + "\n" + name + "\n");
    }

    /** BINUNICODE. */
    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').int32(b.length).raw(b);
    }

    /** BININT. */
    PickleBytes integer(int v) {
        return op('J').int32(v);
    }

    /** BINFLOAT. */
    PickleBytes real(double v) {
        op('G');
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array();
        return raw(b);
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes stop() {
        return op('.');
    }

    PickleBytes text(String s) {
        return raw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    PickleBytes int32(int v) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    PickleBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A tuple of ints: MARK, BININT..., TUPLE. */
    PickleBytes ints(long... values) {
        mark();
        for (long v : values) {
            integer((int) v);
        }
        return tuple();
    }

    /**
     * {@code _rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, size, stride,
     * False, OrderedDict())}.
     */
    PickleBytes tensor(
            String type, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage")
                .global("torch", type)
                .str(key)
                .str("cpu")
                .integer((int) numel)
                .tuple();
        op('Q');
        integer((int) offset).ints(size).ints(stride).op(0x89);
        global("collections", "OrderedDict").op(')').reduce();
        return tuple().reduce();
    }

    /**
     * Legacy {@code _rebuild_tensor_v2} whose persistent id is {@code ('storage', torch.<type>,
     * key, 'cpu', rootNumel, view)} with {@code view = (viewKey, viewOffset, viewNumel)} or None
     * when {@code viewKey} is null.
     */
    PickleBytes legacyTensor(
            String type,
            String key,
            long rootNumel,
            String viewKey,
            long viewOffset,
            long viewNumel,
            long offset,
            long[] size,
            long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", type).str(key).str("cpu").integer((int) rootNumel);
        if (viewKey == null) {
            op('N');
        } else {
            mark().str(viewKey).integer((int) viewOffset).integer((int) viewNumel).tuple();
        }
        tuple().op('Q');
        integer((int) offset).ints(size).ints(stride).op(0x89);
        global("collections", "OrderedDict").op(')').reduce();
        return tuple().reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
