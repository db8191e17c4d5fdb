/**
 * The device contract: {@link dev.bitline.sim.device.Operation} descriptions (GEMM/GEMV,
 * element-wise, nonlinear, transfer, in the shared formats of {@code dev.bitline.sim.quant}), the
 * timed {@link dev.bitline.sim.device.Device} that executes them on the shared simulator and its
 * analytical {@link dev.bitline.sim.device.DeviceModel}. See docs/kernel.md, "Devices".
 */
package dev.bitline.sim.device;
