package dev.dfd.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive held in one (memory-mapped) buffer, read from its central directory
 * (zip64 included). Stored entries, which is all {@code torch.save} writes, are returned as views
 * of the buffer without copying; deflated entries are inflated into a new array. Other compression
 * methods and encrypted entries are rejected. Immutable after construction and thread-safe.
 */
final class StoredZip {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    private record Entry(int method, long compressedSize, long size, long localOffset) {}

    private final ByteBuffer file;
    private final String source;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private StoredZip(ByteBuffer file, String source) {
        this.file = file;
        this.source = source;
    }

    /**
     * Reads the central directory.
     *
     * @param file the whole archive
     * @param source the file name for messages
     * @return the archive
     * @throws CheckpointException if the archive is truncated or corrupt
     */
    static StoredZip open(ByteBuffer file, String source) throws CheckpointException {
        StoredZip zip = new StoredZip(file.duplicate().order(ByteOrder.LITTLE_ENDIAN), source);
        try {
            zip.readDirectory();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw zip.corrupt("central directory out of bounds (" + e.getMessage() + ")");
        }
        return zip;
    }

    /** The entry names, in directory order. */
    Iterable<String> names() {
        return entries.keySet();
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * The bytes of an entry.
     *
     * @param name the entry name
     * @return a read-only view for a stored entry, a new buffer for a deflated one
     * @throws CheckpointException if the entry is missing, out of bounds or cannot be inflated
     */
    ByteBuffer read(String name) throws CheckpointException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new CheckpointException(source + ": zip entry " + name + " is missing");
        }
        try {
            long local = e.localOffset();
            if (file.getInt((int) local) != LOCAL) {
                throw corrupt("no local header for entry " + name);
            }
            long start =
                    local
                            + 30
                            + (file.getShort((int) local + 26) & 0xffff)
                            + (file.getShort((int) local + 28) & 0xffff);
            if (start + e.compressedSize() > file.limit()) {
                throw corrupt("entry " + name + " extends past the end of the file");
            }
            ByteBuffer data = file.slice((int) start, (int) e.compressedSize());
            return switch (e.method()) {
                case 0 -> data.asReadOnlyBuffer();
                case 8 -> inflate(data, e.size(), name);
                default ->
                        throw corrupt("entry " + name + " uses compression method " + e.method());
            };
        } catch (IndexOutOfBoundsException | IllegalArgumentException ex) {
            throw corrupt("entry " + name + " out of bounds (" + ex.getMessage() + ")");
        }
    }

    private ByteBuffer inflate(ByteBuffer data, long size, String name) throws CheckpointException {
        if (size > Integer.MAX_VALUE - 8) {
            throw corrupt("entry " + name + " is too large to inflate");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            byte[] out = new byte[(int) size];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw corrupt("entry " + name + " inflates to " + n + " of " + size + " bytes");
            }
            return ByteBuffer.wrap(out).asReadOnlyBuffer();
        } catch (DataFormatException ex) {
            throw corrupt("entry " + name + " cannot be inflated: " + ex.getMessage());
        } finally {
            inflater.end();
        }
    }

    private void readDirectory() throws CheckpointException {
        int eocd = -1;
        for (int i = file.limit() - 22; i >= Math.max(0, file.limit() - 22 - 65535); i--) {
            if (file.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw corrupt("end of central directory not found (truncated?)");
        }
        long count = file.getShort(eocd + 10) & 0xffff;
        long dirOffset = file.getInt(eocd + 16) & 0xffffffffL;
        if (eocd >= 20 && file.getInt(eocd - 20) == ZIP64_LOCATOR) {
            long zip64 = file.getLong(eocd - 20 + 8);
            if (zip64 < 0 || zip64 > file.limit() - 56 || file.getInt((int) zip64) != ZIP64_EOCD) {
                throw corrupt("bad zip64 end of central directory");
            }
            count = file.getLong((int) zip64 + 32);
            dirOffset = file.getLong((int) zip64 + 48);
        }
        if (dirOffset < 0 || dirOffset > file.limit() || count < 0 || count > file.limit() / 46) {
            throw corrupt("central directory offset " + dirOffset + " or count " + count);
        }

        int p = (int) dirOffset;
        for (long i = 0; i < count; i++) {
            if (file.getInt(p) != CENTRAL) {
                throw corrupt("bad central directory record " + i + " at byte " + p);
            }
            int flags = file.getShort(p + 8) & 0xffff;
            int method = file.getShort(p + 10) & 0xffff;
            long compressed = file.getInt(p + 20) & 0xffffffffL;
            long size = file.getInt(p + 24) & 0xffffffffL;
            int nameLength = file.getShort(p + 28) & 0xffff;
            int extraLength = file.getShort(p + 30) & 0xffff;
            int commentLength = file.getShort(p + 32) & 0xffff;
            long local = file.getInt(p + 42) & 0xffffffffL;
            byte[] nameBytes = new byte[nameLength];
            file.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);

            // Zip64 extended information: 64-bit values for the fields saturated above, in order.
            int extra = p + 46 + nameLength;
            int extraEnd = extra + extraLength;
            while (extra + 4 <= extraEnd) {
                int id = file.getShort(extra) & 0xffff;
                int length = file.getShort(extra + 2) & 0xffff;
                if (id == 0x0001) {
                    int q = extra + 4;
                    if (size == 0xffffffffL) {
                        size = file.getLong(q);
                        q += 8;
                    }
                    if (compressed == 0xffffffffL) {
                        compressed = file.getLong(q);
                        q += 8;
                    }
                    if (local == 0xffffffffL) {
                        local = file.getLong(q);
                    }
                }
                extra += 4 + length;
            }
            if ((flags & 1) != 0) {
                throw corrupt("entry " + name + " is encrypted");
            }
            if (local < 0 || compressed < 0 || size < 0 || local + compressed > file.limit()) {
                throw corrupt("entry " + name + " lies outside the file");
            }
            entries.put(name, new Entry(method, compressed, size, local));
            p = extraEnd + commentLength;
        }
    }

    private CheckpointException corrupt(String what) {
        return new CheckpointException(source + ": corrupt or truncated zip checkpoint: " + what);
    }
}
