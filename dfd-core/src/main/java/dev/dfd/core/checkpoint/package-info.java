/**
 * Reading PyTorch checkpoints ({@code .pt}/{@code .pth} in the legacy and the zip format of {@code
 * torch.save}, and {@code .safetensors}) into named tensors, and loading them strictly into DJL
 * blocks by PyTorch-style parameter paths.
 *
 * <p>Pickle streams are read by a restricted unpickler that understands only the handful of globals
 * a state dict needs and rejects every other one, so reading a hostile file never runs code.
 */
package dev.dfd.core.checkpoint;
