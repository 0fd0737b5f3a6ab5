/**
 * Frame sources: videos decoded by FFmpeg (through JavaCV), single images and folders of images,
 * each delivering upright RGB frames as a {@link dev.dfd.core.video.FrameSampling} selects them.
 * Start with {@link dev.dfd.video.FrameSources#open}.
 */
package dev.dfd.video;
