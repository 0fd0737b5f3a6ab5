package dev.dfd.core.checkpoint;

import dev.dfd.core.checkpoint.PickleObjects.Global;
import dev.dfd.core.checkpoint.PickleObjects.NumpyDtype;
import dev.dfd.core.checkpoint.PickleObjects.StorageRef;
import dev.dfd.core.checkpoint.PickleObjects.TensorRef;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted reader of Python pickles (protocols 0 to 5) that builds plain Java values and never
 * constructs arbitrary classes.
 *
 * <p>It implements the opcodes state dicts use and allows only the globals a state dict needs (see
 * {@link #allowedGlobal}); any other global fails with "unsupported pickle global module.name".
 * Persistent ids (PyTorch's storages) are resolved by the given {@link PersistentLoader}. One
 * instance reads one pickle; not thread-safe.
 */
final class Unpickler {
    /** Resolves a persistent id (for PyTorch, a {@code ('storage', ...)} tuple). */
    interface PersistentLoader {
        Object load(Object pid) throws CheckpointException;
    }

    private final ByteBuffer in;
    private final String source;
    private final PersistentLoader persistentLoader;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(ByteBuffer in, String source, PersistentLoader persistentLoader) {
        this.in = in;
        this.source = source;
        this.persistentLoader = persistentLoader;
    }

    /**
     * Reads one pickle starting at {@code in.position()} and leaves the position after its STOP.
     *
     * @param in the bytes; its position advances
     * @param source the file, for messages
     * @param persistentLoader resolves persistent ids
     * @return the unpickled value
     * @throws CheckpointException if the pickle is truncated, corrupt or names a disallowed global
     */
    static Object load(ByteBuffer in, String source, PersistentLoader persistentLoader)
            throws CheckpointException {
        Unpickler u = new Unpickler(in.order(ByteOrder.LITTLE_ENDIAN), source, persistentLoader);
        int start = in.position();
        try {
            return u.run();
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CheckpointException(
                    source
                            + ": truncated or corrupt pickle (at byte "
                            + in.position()
                            + ", pickle started at "
                            + start
                            + ")",
                    e);
        } catch (StackOverflowError e) {
            throw new CheckpointException(
                    source
                            + ": pickle nests too deeply or refers to itself (at byte "
                            + in.position()
                            + ")");
        } catch (ClassCastException
                | IllegalArgumentException
                | IllegalStateException
                | NullPointerException
                | ArithmeticException e) {
            throw new CheckpointException(
                    source + ": corrupt pickle at byte " + in.position() + ": " + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    private Object run() throws CheckpointException {
        while (true) {
            int opPosition = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = in.get() & 0xff;
                    if (protocol > 5) {
                        throw error("unsupported pickle protocol " + protocol);
                    }
                }
                case 0x95 -> in.getLong(); // FRAME: a length hint only
                case '.' -> { // STOP
                    Object result = pop();
                    if (!stack.isEmpty() || !marks.isEmpty()) {
                        throw error("pickle stack not empty at STOP");
                    }
                    return result;
                }
                case '(' -> marks.push(stack.size()); // MARK
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP

                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'I' -> push(parseTextInt(readLine()));
                case 'J' -> push((long) in.getInt()); // BININT
                case 'K' -> push((long) (in.get() & 0xff)); // BININT1
                case 'M' -> push((long) (in.getShort() & 0xffff)); // BININT2
                case 'L' -> push(parseTextLong(readLine()));
                case 0x8a -> push(readLong(in.get() & 0xff)); // LONG1
                case 0x8b -> push(readLong(length(in.getInt()))); // LONG4
                case 'F' -> push(Double.parseDouble(readLine().trim()));
                case 'G' ->
                        push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT

                case 'S' -> push(parseTextString(readLine())); // STRING
                case 'T' -> push(latin1(readBytes(length(in.getInt())))); // BINSTRING
                case 'U' -> push(latin1(readBytes(in.get() & 0xff))); // SHORT_BINSTRING
                case 'V' -> push(rawUnicodeEscape(readLine())); // UNICODE
                case 'X' -> push(utf8(readBytes(length(in.getInt())))); // BINUNICODE
                case 0x8c -> push(utf8(readBytes(in.get() & 0xff))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(readBytes(length(in.getLong())))); // BINUNICODE8
                case 'B' -> push(readBytes(length(in.getInt()))); // BINBYTES
                case 'C' -> push(readBytes(in.get() & 0xff)); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(readBytes(length(in.getLong()))); // BINBYTES8, BYTEARRAY8

                case ')' -> push(Collections.emptyList()); // EMPTY_TUPLE
                case 't' -> push(tuple(popMark())); // TUPLE
                case 0x85 -> push(tuple(List.of(new Object[] {pop()}))); // TUPLE1
                case 0x86 -> { // TUPLE2
                    Object b = pop();
                    Object a = pop();
                    push(tuple(Arrays.asList(a, b)));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(tuple(Arrays.asList(a, b, c)));
                }
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 'a' -> { // APPEND
                    Object v = pop();
                    ((List<Object>) peek()).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    ((List<Object>) peek()).addAll(items);
                }
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 'd' -> { // DICT
                    Map<Object, Object> d = new LinkedHashMap<>();
                    putPairs(d, popMark());
                    push(d);
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    ((Map<Object, Object>) peek()).put(k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    putPairs((Map<Object, Object>) peek(), items);
                }
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    ((Set<Object>) peek()).addAll(items);
                }
                case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark())));

                case 'p' -> memo.put(Long.parseLong(readLine().trim()), peek()); // PUT
                case 'q' -> memo.put((long) (in.get() & 0xff), peek()); // BINPUT
                case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'g' -> push(memoGet(Long.parseLong(readLine().trim()))); // GET
                case 'h' -> push(memoGet(in.get() & 0xff)); // BINGET
                case 'j' -> push(memoGet(in.getInt() & 0xffffffffL)); // LONG_BINGET

                case 'c' -> { // GLOBAL
                    String module = readLine();
                    String name = readLine();
                    push(allowedGlobal(module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) pop();
                    String module = (String) pop();
                    push(allowedGlobal(module, name));
                }
                case 'R' -> { // REDUCE
                    List<Object> args = (List<Object>) pop();
                    Object callable = pop();
                    push(call(callable, args));
                }
                case 0x81 -> { // NEWOBJ
                    List<Object> args = (List<Object>) pop();
                    Object cls = pop();
                    push(call(cls, args));
                }
                case 0x92 -> { // NEWOBJ_EX
                    pop(); // keyword arguments
                    List<Object> args = (List<Object>) pop();
                    Object cls = pop();
                    push(call(cls, args));
                }
                case 'i' -> { // INST
                    Global g = allowedGlobal(readLine(), readLine());
                    push(call(g, popMark()));
                }
                case 'o' -> { // OBJ
                    List<Object> items = popMark();
                    if (items.isEmpty()) {
                        throw error("OBJ without a class");
                    }
                    push(call(items.get(0), items.subList(1, items.size())));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    build(peek(), state);
                }
                case 'P' -> push(persistentLoader.load(readLine())); // PERSID
                case 'Q' -> push(persistentLoader.load(pop())); // BINPERSID
                default ->
                        throw error(
                                String.format(
                                        "unsupported pickle opcode 0x%02x at byte %d",
                                        op, opPosition));
            }
        }
    }

    /** Returns the global if it is one of the few a state dict needs, otherwise fails naming it. */
    private Global allowedGlobal(String module, String name) throws CheckpointException {
        boolean allowed =
                switch (module) {
                    case "collections" -> name.equals("OrderedDict");
                    case "torch._utils" ->
                            name.equals("_rebuild_tensor_v2")
                                    || name.equals("_rebuild_tensor")
                                    || name.equals("_rebuild_parameter")
                                    || name.equals("_rebuild_parameter_with_state");
                    case "torch" ->
                            name.equals("Size")
                                    || name.equals("device")
                                    || TorchFiles.storageType(name) != null;
                    case "_codecs" -> name.equals("encode");
                    case "numpy" -> name.equals("dtype");
                    case "numpy.core.multiarray", "numpy._core.multiarray" -> name.equals("scalar");
                    default -> false;
                };
        if (!allowed) {
            throw error("unsupported pickle global " + module + "." + name);
        }
        return new Global(module, name);
    }

    private Object call(Object callable, List<Object> args) throws CheckpointException {
        if (!(callable instanceof Global g)) {
            throw error(
                    "pickle calls a value that is not an allowed global: " + describe(callable));
        }
        switch (g.toString()) {
            case "collections.OrderedDict" -> {
                Map<Object, Object> d = new LinkedHashMap<>();
                if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
                    for (Object pair : pairs) {
                        List<?> kv = (List<?>) pair;
                        d.put(kv.get(0), kv.get(1));
                    }
                }
                return d;
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                StorageRef storage = (StorageRef) args.get(0);
                long offset = (Long) args.get(1);
                return new TensorRef(
                        storage,
                        storage.viewOffset() + offset,
                        longs(args.get(2)),
                        longs(args.get(3)));
            }
            case "torch._utils._rebuild_parameter",
                    "torch._utils._rebuild_parameter_with_state" -> {
                return args.get(0);
            }
            case "torch.Size" -> {
                return args.isEmpty() ? Collections.emptyList() : args.get(0);
            }
            case "torch.device" -> {
                return args.size() > 1 ? args.get(0) + ":" + args.get(1) : args.get(0);
            }
            case "_codecs.encode" -> {
                return ((String) args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
            }
            case "numpy.dtype" -> {
                return new NumpyDtype((String) args.get(0));
            }
            case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar" -> {
                return numpyScalar((NumpyDtype) args.get(0), (byte[]) args.get(1));
            }
            default -> throw error("pickle global " + g + " cannot be called");
        }
    }

    private void build(Object target, Object state) throws CheckpointException {
        if (target instanceof Map<?, ?>) {
            // An OrderedDict's attributes, for a state dict its _metadata (module versions).
            return;
        }
        if (target instanceof NumpyDtype dtype && state instanceof List<?> s && s.size() > 1) {
            dtype.bigEndian = ">".equals(s.get(1));
            return;
        }
        if (target instanceof TensorRef) {
            // A tensor's Python attributes (only set for tensor subclasses); the data is complete.
            return;
        }
        throw error("pickle BUILD of unsupported object " + describe(target));
    }

    private Object numpyScalar(NumpyDtype dtype, byte[] bytes) throws CheckpointException {
        ByteBuffer b =
                ByteBuffer.wrap(bytes)
                        .order(dtype.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return switch (dtype.code) {
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "f2" -> (double) Float16.toFloat(b.getShort());
            case "i8", "u8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "u4" -> b.getInt() & 0xffffffffL;
            case "i2" -> (long) b.getShort();
            case "u2" -> (long) (b.getShort() & 0xffff);
            case "i1" -> (long) b.get();
            case "u1" -> (long) (b.get() & 0xff);
            case "b1" -> b.get() != 0;
            default -> throw error("unsupported numpy scalar type " + dtype.code);
        };
    }

    private static long[] longs(Object tuple) {
        List<?> list = (List<?>) tuple;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) list.get(i);
        }
        return out;
    }

    private static void putPairs(Map<Object, Object> d, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new IllegalStateException("odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            d.put(items.get(i), items.get(i + 1));
        }
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("pickle stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalStateException("no MARK on the pickle stack");
        }
        int mark = marks.pop();
        List<Object> top = stack.subList(mark, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object memoGet(long index) {
        Object o = memo.get(index);
        if (o == null && !memo.containsKey(index)) {
            throw new IllegalStateException("pickle memo has no entry " + index);
        }
        return o;
    }

    private int length(long n) {
        if (n < 0 || n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return (int) n;
    }

    private byte[] readBytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private String readLine() {
        int start = in.position();
        while (in.get() != '\n') {
            // scan to the end of the line
        }
        byte[] b = new byte[in.position() - start - 1];
        in.get(start, b);
        return latin1(b);
    }

    private Object readLong(int n) {
        byte[] le = readBytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Object parseTextInt(String s) {
        String t = s.trim();
        if (t.equals("01")) {
            return Boolean.TRUE;
        }
        if (t.equals("00")) {
            return Boolean.FALSE;
        }
        return normalize(new BigInteger(t));
    }

    private static Object parseTextLong(String s) {
        String t = s.trim();
        if (t.endsWith("L")) {
            t = t.substring(0, t.length() - 1);
        }
        return normalize(new BigInteger(t));
    }

    private String parseTextString(String s) throws CheckpointException {
        String t = s.trim();
        if (t.length() < 2
                || t.charAt(0) != t.charAt(t.length() - 1)
                || (t.charAt(0) != '\'' && t.charAt(0) != '"')) {
            throw error("malformed STRING literal");
        }
        return unescape(t.substring(1, t.length() - 1), false);
    }

    private static String rawUnicodeEscape(String s) {
        return unescape(s, true);
    }

    /** Decodes Python string escapes; in raw mode only backslash-u and backslash-U. */
    private static String unescape(String s, boolean raw) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(i + 1);
            if (n == 'u' && i + 6 <= s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (n == 'U' && i + 10 <= s.length()) {
                out.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 10), 16));
                i += 9;
            } else if (raw) {
                out.append(c);
            } else if (n == 'x' && i + 4 <= s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            default -> n;
                        });
                i++;
            }
        }
        return out.toString();
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName() + " " + o;
    }

    private CheckpointException error(String message) {
        return new CheckpointException(source + ": " + message);
    }
}
