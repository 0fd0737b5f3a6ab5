/**
 * Face tracks: detections linked across the sampled frames of a video by overlap, one {@link
 * dev.dfd.face.track.FaceTrack} per person.
 */
package dev.dfd.face.track;
