package dev.bitline.pim.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.pim.Presets;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.Activation;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import org.junit.jupiter.api.Test;

/** The AF command in a program: y = f(W x) with the function applied in the units before readout. */
class ActivationStageTest {
    @Test
    void afStageAfterAGemvIsVerifiedAndChecked() {
        for (String preset : new String[] {"aim-gddr6", "hbm-pim", "pim-gpt"}) {
            PimSystem sys = Presets.load(preset);
            InputFormat f = sys.precisions().get(0);
            for (Activation fn : Activation.values()) {
                CommandBuffer b = new CommandBuffer();
                GemvResult r = GemvRun.run(sys, 300, 700, 2, f,
                        GemvRun.Options.defaults().withActivation(fn).withCheck(true).withSink(b));
                assertTrue(r.check().clean(), preset + " " + fn + ": " + r.check().summary(5));
                assertTrue(r.verified(), preset + " " + fn + ": f of the reference, bit for bit");
                long afs = 0;
                boolean negative = false;
                for (CommandRecord x : b.asList()) if (x.command().name().equals("AF")) afs++;
                for (double[] v : r.output()) for (double y : v) negative |= y < 0;
                var g = sys.geometry();
                var layout = GemvRun.layout(sys, 300, 700, f);
                assertEquals((long) layout.blocks() * g.rankUnits() * g.channels() * 2, afs, preset + " " + fn);
                if (fn == Activation.RELU) assertFalse(negative, preset + ": relu leaves no negative output");
                else assertTrue(negative, preset + " " + fn + ": some outputs stay negative");
                assertTrue(r.energy().column() > 0, preset);
            }
            // the AF commands take time (tMACRD around them) and the timing is the same without numerics
            GemvResult plain = GemvRun.run(sys, 300, 700, 2, f, GemvRun.Options.defaults().withNumerics(false));
            GemvResult gelu = GemvRun.run(sys, 300, 700, 2, f,
                    GemvRun.Options.defaults().withNumerics(false).withActivation(Activation.GELU));
            GemvResult geluNum = GemvRun.run(sys, 300, 700, 2, f, GemvRun.Options.defaults().withActivation(Activation.GELU));
            assertTrue(gelu.cycles() > plain.cycles(), preset);
            assertEquals(gelu.cycles(), geluNum.cycles(), preset);
            CommandBuffer ev = new CommandBuffer(), tk = new CommandBuffer();
            GemvRun.run(sys, 300, 700, 1, f, GemvRun.Options.defaults().withNumerics(false).withActivation(Activation.SILU).withSink(ev));
            GemvRun.run(sys, 300, 700, 1, f, GemvRun.Options.defaults().withNumerics(false).withActivation(Activation.SILU)
                    .withTicked(true).withSink(tk));
            assertEquals(-1, ev.firstDifference(tk), preset + ": event == ticked with AF");
        }
    }
}
