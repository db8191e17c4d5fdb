package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Golden command traces: a hash of every issued command for presets x controller configurations
 * x workloads, recorded from the controller as of commit 9ced80c, re-recorded when ties
 * between idle-row PREs became canonical (lower bank index; before, they went by scan order,
 * which changed only the timeout-policy rows), and again when staged requests began to move into
 * their bank queues after the cycle's command instead of before it (only the bankq and rr rows), and
 * when HBM got separate row and column command buses (only the HBM rows), and when DDR5's
 * and LPDDR5's two-cycle commands began to hold the command bus (only those rows). The event == ticked tests
 * compare two modes of the same build; this one catches a speed change that alters decisions
 * in both (e.g. tie order between idle-row PREs). If a change of behaviour is intended,
 * regenerate the table with {@link #main} and say why in the commit.
 */
class TraceGoldenTest {
    static final String[] PRESETS = {"ddr4-2400-8gb-x8", "ddr4-3200-8gb-x16", "ddr5-4800-16gb-x8",
            "lpddr5-6400", "gddr6-16gbps", "hbm2-2gbps", "hbm3-6.4gbps"};

    static Map<String, ControllerConfig> configs(DramSpec spec) {
        ControllerConfig base = PresetConfigs.forSpec(spec);
        Map<String, ControllerConfig> m = new LinkedHashMap<>();
        m.put("default", base);
        m.put("closed", base.withPagePolicy(PagePolicy.CLOSED, 0));
        m.put("timeout", base.withPagePolicy(PagePolicy.TIMEOUT, 50));
        m.put("fcfs", base.withScheduler(SchedulerKind.FCFS));
        m.put("unified", base.withQueues(QueueStructure.SHARED, 32, 32, 32).withReadsFirst(false));
        m.put("bankq", base.withQueues(QueueStructure.SHARED, 32, 32, 32).withBankQueueDepth(8));
        m.put("pd", base.withPowerDownIdle(20).withRefresh(base.refresh(), 2));
        m.put("rr", base.withQueues(QueueStructure.SHARED, 32, 32, 32).withBankQueueDepth(8).withReadsFirst(false)
                .withArbitration(dev.bitline.dram.controller.Arbitration.ROUND_ROBIN));
        m.put("xor", base.withXorBankWithRow(true).withPagePolicy(PagePolicy.CLOSED, 0)
                .withScheduler(SchedulerKind.FCFS));
        return m;
    }

    /** Hash of the command trace of one run: mixed (gap 0) or random at low load (gap 40). */
    static String run(DramSpec spec, ControllerConfig cfg, boolean lowLoad) {
        long[] h = {1, 0};
        CommandSink sink = (c, cmd, ch, pc, ra, bg, ba, row, col) -> {
            for (long x : new long[] {c, cmd.ordinal(), ch, pc, ra, bg, ba, row, col}) h[0] = h[0] * 1000003L + x;
            h[1]++;
        };
        DramSystem sys = new DramSystem(spec, cfg, null);
        sys.setCommandSink(sink);
        SplittableRandom rnd = new SplittableRandom(7);
        long cap = sys.capacity();
        int line = sys.mapping().burstBytes();
        long lines = cap / line;
        long t = 0, base = 0, gap = lowLoad ? 40 : 0;
        for (int i = 0, n = lowLoad ? 3000 : 15000; i < n; i++) {
            long addr;
            if (lowLoad) {
                addr = rnd.nextLong(lines) * line;
            } else {
                if (i % 8 == 0) base = rnd.nextLong(lines) * line;
                addr = (base + (long) (i % 8) * 4096) % cap;
            }
            boolean w = rnd.nextDouble() < 0.33;
            t = sys.submitBlocking(addr, w, Math.max(t, i * gap), i) + 1;
        }
        long end = sys.drain();
        return h[1] + "/" + end + "/" + Long.toHexString(h[0]);
    }

    static List<String> all() {
        List<String> out = new ArrayList<>();
        for (String p : PRESETS) {
            DramSpec spec = Presets.load(p);
            for (var e : configs(spec).entrySet()) {
                for (boolean low : new boolean[] {false, true}) {
                    out.add(p + " " + e.getKey() + (low ? " low " : " mixed ") + run(spec, e.getValue(), low));
                }
            }
        }
        return out;
    }

    /** Prints the table (to regenerate GOLDEN). */
    public static void main(String[] args) {
        for (String s : all()) System.out.println("      \"" + s + "\",");
    }

    static final String[] GOLDEN = {
      "ddr4-2400-8gb-x8 default mixed 35171/81877/74158a42e7d6aea1",
      "ddr4-2400-8gb-x8 default low 8818/120015/9e15ee7ec6e25dd3",
      "ddr4-2400-8gb-x8 closed mixed 26819/81629/795f55ee5599799e",
      "ddr4-2400-8gb-x8 closed low 6012/119998/656ce7ff8aae35",
      "ddr4-2400-8gb-x8 timeout mixed 35287/80758/805d503301af78b7",
      "ddr4-2400-8gb-x8 timeout low 9008/120002/64ab95ab934330d2",
      "ddr4-2400-8gb-x8 fcfs mixed 36601/82611/cb607ec6ab65405",
      "ddr4-2400-8gb-x8 fcfs low 8818/120015/7a2cdb3410c65c60",
      "ddr4-2400-8gb-x8 unified mixed 31939/82576/b33bef0d969ca67",
      "ddr4-2400-8gb-x8 unified low 8818/120015/c254d27c978078be",
      "ddr4-2400-8gb-x8 bankq mixed 35827/79430/1cddc2854d8d0344",
      "ddr4-2400-8gb-x8 bankq low 8818/120016/f4cfec5bbb1afcd7",
      "ddr4-2400-8gb-x8 pd mixed 35160/80861/a0694b50f8fee1d9",
      "ddr4-2400-8gb-x8 pd low 7764/119998/cd4efb733d3a85ab",
      "ddr4-2400-8gb-x8 rr mixed 31985/79524/15abcf097d6cd122",
      "ddr4-2400-8gb-x8 rr low 8818/120016/77e872a817974a59",
      "ddr4-2400-8gb-x8 xor mixed 28195/81327/46077d5904e7b81c",
      "ddr4-2400-8gb-x8 xor low 6014/119998/abc0c99b86a5fcb4",
      "ddr4-3200-8gb-x16 default mixed 36144/156515/76bfac9f47097d81",
      "ddr4-3200-8gb-x16 default low 8956/120030/d7c2aa50cf1971b6",
      "ddr4-3200-8gb-x16 closed mixed 27772/155061/e5dff8caab160eab",
      "ddr4-3200-8gb-x16 closed low 6011/120008/6641d81ce995982f",
      "ddr4-3200-8gb-x16 timeout mixed 36141/154521/371b5f2dc0e5a9ae",
      "ddr4-3200-8gb-x16 timeout low 9007/120030/d36fb81090fd4a36",
      "ddr4-3200-8gb-x16 fcfs mixed 37763/159480/a087526a2b774098",
      "ddr4-3200-8gb-x16 fcfs low 8956/120030/e4f7be09d50b2c3d",
      "ddr4-3200-8gb-x16 unified mixed 31943/136508/484a12ae431ec5c5",
      "ddr4-3200-8gb-x16 unified low 8958/120030/b1dd354a8d3ce132",
      "ddr4-3200-8gb-x16 bankq mixed 36379/154151/47f162a43fe31e4b",
      "ddr4-3200-8gb-x16 bankq low 8956/120031/13d82cd05fb27cce",
      "ddr4-3200-8gb-x16 pd mixed 36097/154589/8e64d524fb3ff9e1",
      "ddr4-3200-8gb-x16 pd low 8964/120030/186f61448cd7c09a",
      "ddr4-3200-8gb-x16 rr mixed 31956/135184/986b61fa3f91032a",
      "ddr4-3200-8gb-x16 rr low 8958/120031/670472b0e12fe6ab",
      "ddr4-3200-8gb-x16 xor mixed 29262/158749/2d76e804cce86d2f",
      "ddr4-3200-8gb-x16 xor low 6009/120008/4ef810cb2170dfcc",
      "ddr5-4800-16gb-x8 default mixed 34959/93001/3d55cb1841de0552",
      "ddr5-4800-16gb-x8 default low 9222/120167/a50c56341f57c60",
      "ddr5-4800-16gb-x8 closed mixed 26546/90521/9563c5ea6c18f6b1",
      "ddr5-4800-16gb-x8 closed low 6256/120047/7896e2605012fdc8",
      "ddr5-4800-16gb-x8 timeout mixed 34893/91171/a697b797eec4e42f",
      "ddr5-4800-16gb-x8 timeout low 9251/120047/ae42c07cca7810d7",
      "ddr5-4800-16gb-x8 fcfs mixed 35798/93266/267d838df528fcd4",
      "ddr5-4800-16gb-x8 fcfs low 9222/120167/8d7eb3d821634897",
      "ddr5-4800-16gb-x8 unified mixed 32846/104084/7e598737230ee480",
      "ddr5-4800-16gb-x8 unified low 9218/120086/2b44f42104b189e9",
      "ddr5-4800-16gb-x8 bankq mixed 37465/81787/a2edf970955af3c1",
      "ddr5-4800-16gb-x8 bankq low 9220/120168/9ec3a7888f460a77",
      "ddr5-4800-16gb-x8 pd mixed 34833/92958/8c4726fbf473802",
      "ddr5-4800-16gb-x8 pd low 9750/120086/6e1bcf50ea722314",
      "ddr5-4800-16gb-x8 rr mixed 33193/78178/5ecdf7c5894368ff",
      "ddr5-4800-16gb-x8 rr low 9222/120087/7ba853d2f6eb5bb",
      "ddr5-4800-16gb-x8 xor mixed 27611/93227/aa56e26ef8b8c4fc",
      "ddr5-4800-16gb-x8 xor low 6274/120048/c243cd6f4ad8431e",
      "lpddr5-6400 default mixed 45641/83458/94572dc6dbf61ee3",
      "lpddr5-6400 default low 9640/120014/9cebdb2ad360803",
      "lpddr5-6400 closed mixed 30666/80526/384788871ffc9b20",
      "lpddr5-6400 closed low 6653/119999/8be9cd9dc97fb5f4",
      "lpddr5-6400 timeout mixed 45647/81675/12c9466fcc8636af",
      "lpddr5-6400 timeout low 9651/119999/3f217467fdb2bfff",
      "lpddr5-6400 fcfs mixed 45640/84083/62974d0c9438a413",
      "lpddr5-6400 fcfs low 9640/120014/9cebdb2ad360803",
      "lpddr5-6400 unified mixed 45926/96878/d588dd662311dabe",
      "lpddr5-6400 unified low 9632/120014/e5e4f83d0d2bd893",
      "lpddr5-6400 bankq mixed 45633/83132/2739479a1877b453",
      "lpddr5-6400 bankq low 9642/120015/5f4bf1829b335ab5",
      "lpddr5-6400 pd mixed 45616/83150/86b8d8be52a635e5",
      "lpddr5-6400 pd low 9601/120014/3a47e1f65bc7251a",
      "lpddr5-6400 rr mixed 45929/94460/adb29197d4f75177",
      "lpddr5-6400 rr low 9634/120015/b598b4a9941eec0f",
      "lpddr5-6400 xor mixed 30602/79326/40ca3600bf47c338",
      "lpddr5-6400 xor low 6647/119999/273edca0df5e8f09",
      "gddr6-16gbps default mixed 45834/78291/354d2eb507c2b61c",
      "gddr6-16gbps default low 10026/120046/381ddf03b560951a",
      "gddr6-16gbps closed mixed 30868/75369/7716c631c78da173",
      "gddr6-16gbps closed low 7062/120016/b341a72cec49b42e",
      "gddr6-16gbps timeout mixed 45887/75768/8822d21d9d0d03df",
      "gddr6-16gbps timeout low 10062/120016/622df4dc867465bb",
      "gddr6-16gbps fcfs mixed 45840/78486/c08fe1a21b841122",
      "gddr6-16gbps fcfs low 10026/120046/cc9aac9342b06cc",
      "gddr6-16gbps unified mixed 45997/77788/c2c4bd70e13ff320",
      "gddr6-16gbps unified low 10028/120046/b246c58b8d1b12a4",
      "gddr6-16gbps bankq mixed 45787/71327/cae8a70995dfc3a1",
      "gddr6-16gbps bankq low 10028/120047/227ead67cd5c684c",
      "gddr6-16gbps pd mixed 45908/78465/224f02d7efec6ec7",
      "gddr6-16gbps pd low 11682/120047/ecc7005a753d330f",
      "gddr6-16gbps rr mixed 45974/71306/5ba68ab6d66c646e",
      "gddr6-16gbps rr low 10030/120047/cc911bb68d408af",
      "gddr6-16gbps xor mixed 30850/76045/e451aece7a087f9c",
      "gddr6-16gbps xor low 7046/120016/55a7dc9688af4ceb",
      "hbm2-2gbps default mixed 33915/15310/81a1cda03526116e",
      "hbm2-2gbps default low 16872/119990/d86e94258dae074a",
      "hbm2-2gbps closed mixed 25420/15310/7317f32de90d10ad",
      "hbm2-2gbps closed low 13916/119990/e09916b047307557",
      "hbm2-2gbps timeout mixed 33925/15311/d747d9acd570192a",
      "hbm2-2gbps timeout low 16914/119990/18d6acb3c42187ea",
      "hbm2-2gbps fcfs mixed 34458/15310/8a0a6a0d5c5c88f6",
      "hbm2-2gbps fcfs low 16872/119990/d86e94258dae074a",
      "hbm2-2gbps unified mixed 32761/15306/d7cb07d8400f4bd3",
      "hbm2-2gbps unified low 16872/119990/52c1d8d9b682e5e1",
      "hbm2-2gbps bankq mixed 33841/15279/bb972f411de05db4",
      "hbm2-2gbps bankq low 16876/119991/fb5553ebae149560",
      "hbm2-2gbps pd mixed 35013/15202/4172ff0c00b1c319",
      "hbm2-2gbps pd low 36378/119998/f48b249d4b3e15e7",
      "hbm2-2gbps rr mixed 32750/15086/4bbd4a02066c62aa",
      "hbm2-2gbps rr low 16876/119991/24431f2f5248de9f",
      "hbm2-2gbps xor mixed 25983/15268/fe7dc12fab9f66ef",
      "hbm2-2gbps xor low 13908/119990/897e42c446470ef0",
      "hbm3-6.4gbps default mixed 26722/15397/5e64700fe1e6b34",
      "hbm3-6.4gbps default low 18781/120040/baad73e6ab911214",
      "hbm3-6.4gbps closed mixed 21842/15326/98cbf397faee1b4e",
      "hbm3-6.4gbps closed low 15850/120040/7f21f4faf3a15e39",
      "hbm3-6.4gbps timeout mixed 26991/15326/6332b1388f4005f8",
      "hbm3-6.4gbps timeout low 18848/120040/1f31f22d0349706d",
      "hbm3-6.4gbps fcfs mixed 27046/15414/b0c9ef7916fee8e1",
      "hbm3-6.4gbps fcfs low 18781/120040/baad73e6ab911214",
      "hbm3-6.4gbps unified mixed 26221/15399/e51faba0732c6b7c",
      "hbm3-6.4gbps unified low 18779/120040/645548b4795ecd86",
      "hbm3-6.4gbps bankq mixed 26730/15398/897288e74114d9d3",
      "hbm3-6.4gbps bankq low 18783/120040/8b9c720c2775a335",
      "hbm3-6.4gbps pd mixed 29529/15180/84bf654fb69047cb",
      "hbm3-6.4gbps pd low 42587/120052/500c6ecf4cad522d",
      "hbm3-6.4gbps rr mixed 26219/15431/a4d6d936f5ea7336",
      "hbm3-6.4gbps rr low 18783/120040/88e0e005c8f048bc",
      "hbm3-6.4gbps xor mixed 22144/15500/60a75a0579b4dcb7",
      "hbm3-6.4gbps xor low 15836/120014/fa086fe8c5a50e6d",
    };

    @Test
    void commandTracesMatchTheRecordedOnes() {
        assertEquals(String.join("\n", GOLDEN), String.join("\n", all()));
    }
}
