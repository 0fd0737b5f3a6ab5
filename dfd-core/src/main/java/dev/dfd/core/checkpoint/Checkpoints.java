package dev.dfd.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads checkpoint files into named tensors: PyTorch {@code torch.save} files ({@code .pt}, {@code
 * .pth}) in the zip format of PyTorch 1.6+ or the legacy pickle-stream format, and {@code
 * .safetensors} files. The format is recognised from the content, not the extension.
 *
 * <p>Pickles are read by a restricted unpickler: it knows only the globals a state dict needs
 * ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code
 * torch._utils._rebuild_parameter}, the {@code torch.*Storage} classes, {@code torch.Size}, {@code
 * torch.device}, {@code _codecs.encode} and numpy scalars) and rejects every other global with an
 * error naming it, so that a hostile file cannot run code. Checkpoints holding whole pickled
 * modules ({@code torch.save(model)}) are therefore rejected; save the {@code state_dict()}
 * instead. Sparse, quantized and subclassed tensors (other rebuild functions) are rejected the same
 * way.
 *
 * <p>Files are memory-mapped and read in bulk: row-major tensors are read-only views of the
 * mapping, not copies; only tensors with other strides (such as the MTCNN weights) are copied. The
 * mapping lives as long as any of its tensors is reachable, so the file must not be modified or
 * truncated meanwhile (and, on Windows, cannot be deleted). Files of 2 GiB or more are not
 * supported. Stateless and thread-safe; holds no native memory.
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private Checkpoints() {}

    /**
     * Reads the tensors of a checkpoint.
     *
     * <p>A top-level {@code {"state_dict": {...}}} or {@code {"model": {...}}} is unwrapped, and a
     * leading {@code module.} (from {@code DataParallel}) is stripped from every key when all keys
     * have it, as the DFDC winner's {@code predict_folder.py} does.
     *
     * @param file a {@code .pt}/{@code .pth} or {@code .safetensors} file
     * @return the tensors in file order
     * @throws CheckpointException if the file is missing, unreadable, truncated, corrupt, of an
     *     unknown format, or names a pickle global outside the allowed few
     */
    public static StateDict read(Path file) throws CheckpointException {
        return readFull(file).stateDict();
    }

    /**
     * Reads the tensors of a checkpoint and its plain non-tensor top-level entries (for example
     * {@code "epoch" -> 12L}), unwrapping and stripping keys as {@link #read} does.
     *
     * @param file a {@code .pt}/{@code .pth} or {@code .safetensors} file
     * @return the tensors and the metadata
     * @throws CheckpointException as {@link #read}
     */
    public static Checkpoint readFull(Path file) throws CheckpointException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        ByteBuffer bytes = map(file, source);

        Checkpoint checkpoint;
        if (isZip(bytes)) {
            checkpoint = TorchFiles.readZip(bytes, source);
        } else if (SafetensorsReader.looksLike(bytes)) {
            checkpoint = SafetensorsReader.read(bytes, source);
        } else if (bytes.limit() > 1 && (bytes.get(0) & 0xff) == 0x80 && bytes.get(1) <= 5) {
            checkpoint = TorchFiles.readLegacy(bytes, source);
        } else {
            throw new CheckpointException(
                    source
                            + ": not a PyTorch (zip or legacy pickle) or safetensors file (first"
                            + " bytes "
                            + firstBytes(bytes)
                            + ")");
        }
        LOG.debug("{}: {} tensors", source, checkpoint.stateDict().size());
        return checkpoint;
    }

    private static ByteBuffer map(Path file, String source) throws CheckpointException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size >= Integer.MAX_VALUE) {
                throw new CheckpointException(
                        source + ": " + size + " bytes; files of 2 GiB or more are not supported");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(source + ": no such file", e);
        } catch (IOException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(source + ": cannot read: " + e, e);
        }
    }

    private static boolean isZip(ByteBuffer b) {
        return b.limit() >= 4
                && b.get(0) == 'P'
                && b.get(1) == 'K'
                && b.get(2) == 3
                && b.get(3) == 4;
    }

    private static String firstBytes(ByteBuffer b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.limit()); i++) {
            s.append(String.format("%02x", b.get(i) & 0xff));
        }
        return s.length() == 0 ? "none: empty file" : s.toString();
    }
}
