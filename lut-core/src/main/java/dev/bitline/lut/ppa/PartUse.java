package dev.bitline.lut.ppa;

/**
 * One kind of part in a design: how many instances, the area of one, and the energy all instances
 * together spend in an average cycle.
 *
 * @param name part name as printed ("entry-select mux")
 * @param unit what one instance is ("mux2", "dff bit", "int add 10b")
 * @param count number of instances (may be fractional for a throughput-matched baseline)
 * @param unitAreaUm2 area of one instance at the evaluated node
 * @param energyPerCyclePj energy of all instances per cycle at the evaluated node
 */
public record PartUse(String name, String unit, double count, double unitAreaUm2, double energyPerCyclePj) {
    public double areaUm2() {
        return count * unitAreaUm2;
    }
}
