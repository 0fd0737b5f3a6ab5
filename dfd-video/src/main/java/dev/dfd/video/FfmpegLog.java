package dev.dfd.video;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own log lines (which it otherwise prints to the process's standard error) to SLF4J
 * under the logger name {@code dev.dfd.video.ffmpeg}: FFmpeg errors as WARN, warnings as INFO, the
 * rest as DEBUG.
 *
 * <p>FFmpeg has one log callback per process, so installing this one replaces any other set by the
 * application; {@link #install()} does it once, the first time a video is opened. Thread-safe.
 */
final class FfmpegLog extends LogCallback {
    private static final Logger LOG = LoggerFactory.getLogger("dev.dfd.video.ffmpeg");
    private static FfmpegLog installed;

    private FfmpegLog() {}

    /** Installs the callback unless already done. */
    static synchronized void install() {
        if (installed == null) {
            installed = new FfmpegLog();
            avutil.setLogCallback(installed);
        }
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level > avutil.AV_LOG_INFO && !LOG.isDebugEnabled()) {
            return;
        }
        String line = message.getString().strip();
        if (line.isEmpty()) {
            return;
        }
        if (level <= avutil.AV_LOG_ERROR) {
            LOG.warn("{}", line);
        } else if (level <= avutil.AV_LOG_WARNING) {
            LOG.info("{}", line);
        } else {
            LOG.debug("{}", line);
        }
    }
}
