/** Frames, video metadata, sampling policies and the {@code FrameSource} interface. */
package dev.dfd.core.video;
