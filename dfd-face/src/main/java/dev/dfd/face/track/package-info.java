/**
 * Face tracks: detections linked across the sampled frames of a video by overlap, one {@link
 * dev.dfd.core.face.FaceTrack} per person, by {@link dev.dfd.face.track.IouFaceTracker}.
 */
package dev.dfd.face.track;
