/**
 * Quantized operands shared by every model that computes real numbers (lut-core, pim, rtl,
 * gpu-reference): weight formats (intN, ternary, bipolar), bit-plane packed weights with
 * per-group scales and zero points, and activations (int8, fp16, bf16, fp32). One code path, so
 * "bit-exact" means the same thing in every module (DESIGN.md section 5).
 */
package dev.bitline.sim.quant;
