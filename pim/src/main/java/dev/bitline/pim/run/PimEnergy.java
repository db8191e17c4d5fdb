package dev.bitline.pim.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Energy of one PIM run by component, picojoules.
 *
 * @param activate row activations and precharges (IDD method of the DRAM model, per bank)
 * @param column moving MAC columns from the cells to the units (per bit, to where the units sit)
 * @param mac the units' multiply-accumulates
 * @param buffer global-buffer writes (input chunks) and the channel-bus bursts carrying them
 * @param readout result bursts back to the host
 * @param refresh refresh commands
 * @param background DRAM standby current, unit and host static power over the run
 * @param host host ASIC vector work (0 for a GEMV: the host only issues commands)
 */
public record PimEnergy(double activate, double column, double mac, double buffer, double readout, double refresh,
        double background, double host) {

    public double total() {
        return activate + column + mac + buffer + readout + refresh + background + host;
    }

    public Map<String, Double> components() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("activate", activate);
        m.put("column", column);
        m.put("mac", mac);
        m.put("buffer", buffer);
        m.put("readout", readout);
        m.put("refresh", refresh);
        m.put("background", background);
        m.put("host", host);
        return m;
    }

    public PimEnergy plus(PimEnergy o) {
        return new PimEnergy(activate + o.activate, column + o.column, mac + o.mac, buffer + o.buffer,
                readout + o.readout, refresh + o.refresh, background + o.background, host + o.host);
    }
}
