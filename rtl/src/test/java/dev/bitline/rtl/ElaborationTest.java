package dev.bitline.rtl;

import dev.bitline.rtl.hdl.*;
import dev.bitline.rtl.hdl.Module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every DSL error names this file and the line that built the faulty node. */
class ElaborationTest {

    /** The line after the caller's. */
    private static int nextLine() {
        return new Throwable().getStackTrace()[1].getLineNumber() + 1;
    }

    private static void assertAt(HdlException e, int line, String fragment) {
        assertTrue(e.getMessage().startsWith("ElaborationTest.java:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(line, e.where().line());
    }

    @Test
    void widthMismatchInOperatorAndAssignment() {
        Module m = new Module("m");
        Port a = m.input("a", 8);
        Port b = m.input("b", 4);
        Port y = m.output("y", 8);
        int line = nextLine();
        HdlException e = assertThrows(HdlException.class, () -> a.add(b));
        assertAt(e, line, "width mismatch: 8-bit + 4-bit");
        line = nextLine();
        e = assertThrows(HdlException.class, () -> y.set(b));
        assertAt(e, line, "assigning 4-bit value to 8-bit 'y'");
        line = nextLine();
        e = assertThrows(HdlException.class, () -> m.when(a, () -> { }));
        assertAt(e, line, "condition is 8 bits");
        Port s = m.inputSigned("s", 8);
        line = nextLine();
        e = assertThrows(HdlException.class, () -> a.add(s));
        assertAt(e, line, "signedness mismatch");
    }

    @Test
    void undrivenOutputNamesItsDeclaration() {
        Module m = new Module("m");
        m.input("a", 1);
        int line = nextLine();
        m.output("y", 1);
        HdlException e = assertThrows(HdlException.class, m::elaborate);
        assertAt(e, line, "undriven output 'y'");
    }

    @Test
    void wireDrivenOnlyOnSomePathsIsALatch() {
        Module m = new Module("m");
        Port a = m.input("a", 1);
        Port y = m.output("y", 1);
        Wire w = m.wire("w", 1);
        int line = nextLine();
        m.when(a, () -> w.set(1));
        y.set(w);
        HdlException e = assertThrows(HdlException.class, m::elaborate);
        assertAt(e, line, "'w' is not driven on every path");
        // with an otherwise it is complete
        Module ok = new Module("ok");
        Port a2 = ok.input("a", 1);
        Port y2 = ok.output("y", 1);
        ok.when(a2, () -> y2.set(1)).otherwise(() -> y2.set(0));
        ok.elaborate();
    }

    @Test
    void multipleDrivers() {
        Module m = new Module("m");
        Port a = m.input("a", 1);
        Port y = m.output("y", 1);
        y.set(a);
        int line = nextLine();
        HdlException e = assertThrows(HdlException.class, () -> y.set(0));
        assertAt(e, line, "multiple drivers: 'y' is already driven at ElaborationTest.java:" + (line - 2));
        // a default, then an override on a branch, is one driver
        Module ok = new Module("ok");
        Port b = ok.input("b", 1);
        Reg r = ok.reg("r", 1);
        ok.output("q", 1).set(r);
        r.set(0);
        ok.when(b, () -> r.set(1));
        ok.elaborate();
        // but an unconditional assignment after a conditional one would make it dead
        Module bad = new Module("bad");
        Port c = bad.input("c", 1);
        Reg q = bad.reg("q", 1);
        bad.when(c, () -> q.set(1));
        line = nextLine();
        e = assertThrows(HdlException.class, () -> q.set(0));
        assertAt(e, line, "multiple drivers");
        // and two drivers of one instance input
        Module child = new Module("child");
        child.output("o", 1).set(child.input("i", 1));
        Module top = new Module("top");
        Instance u = top.instance("u", child);
        u.in("i", Hdl.lit(0, 1));
        line = nextLine();
        e = assertThrows(HdlException.class, () -> u.in("i", Hdl.lit(1, 1)));
        assertAt(e, line, "multiple drivers: input 'i' of instance 'u'");
    }

    @Test
    void combinationalLoop() {
        Module m = new Module("m");
        Port a = m.input("a", 4);
        Port y = m.output("y", 4);
        Wire p = m.wire("p", 4);
        Wire q = m.wire("q", 4);
        int line = nextLine();
        p.set(q.add(a));
        q.set(p.xor(a));
        y.set(q);
        HdlException e = assertThrows(HdlException.class, m::elaborate);
        assertTrue(e.getMessage().contains("combinational loop: "), e.getMessage());
        assertTrue(e.getMessage().contains("p -> q -> p") || e.getMessage().contains("q -> p -> q"), e.getMessage());
        assertTrue(e.getMessage().startsWith("ElaborationTest.java:" + line) || e.getMessage().startsWith("ElaborationTest.java:" + (line + 1)),
                e.getMessage());
        // a register breaks the loop
        Module ok = new Module("ok");
        Port b = ok.input("b", 4);
        Reg r = ok.reg("r", 4);
        Wire s = ok.let("s", r.add(b));
        r.set(s);
        ok.output("y", 4).set(s);
        ok.elaborate();
    }

    @Test
    void combinationalLoopThroughASubmodule() {
        Module pass = new Module("pass");
        pass.output("o", 4).set(pass.input("i", 4));
        Module top = new Module("top");
        Port a = top.input("a", 4);
        Instance u = top.instance("u", pass);
        Wire w = top.wire("w", 4);
        int line = nextLine();
        w.set(u.out("o").xor(a));
        u.in("i", w);
        top.output("y", 4).set(w);
        HdlException e = assertThrows(HdlException.class, top::elaborate);
        assertAt(e, line, "combinational loop");
    }

    @Test
    void unconnectedInstanceInput() {
        Module child = new Module("child");
        child.output("o", 1).set(child.input("i", 1));
        Module top = new Module("top");
        int line = nextLine();
        Instance u = top.instance("u", child);
        top.output("y", 1).set(u.out("o"));
        HdlException e = assertThrows(HdlException.class, top::elaborate);
        assertAt(e, line, "input 'i' of instance 'u' (child) is not connected");
    }

    @Test
    void unusedInputIsAWarningNamingItsLine() {
        Module m = new Module("m");
        Port a = m.input("a", 1);
        int line = nextLine();
        m.input("spare", 3);
        m.output("y", 1).set(a);
        List<String> w = m.elaborate().warnings();
        assertEquals(List.of("ElaborationTest.java:" + line + ": warning: unused input 'spare' of module m"), w);
    }

    @Test
    void namesAndFreezing() {
        Module m = new Module("m");
        m.input("a", 1);
        int line = nextLine();
        HdlException e = assertThrows(HdlException.class, () -> m.wire("a", 2));
        assertAt(e, line, "name 'a' already declared");
        assertThrows(HdlException.class, () -> m.wire("module", 1));
        assertThrows(HdlException.class, () -> m.wire("clk", 1));
        assertThrows(HdlException.class, () -> m.wire("w", 0));
        m.output("y", 1).set(m.findPort("a"));
        m.elaborate();
        HdlException frozen = assertThrows(HdlException.class, () -> m.wire("late", 1));
        assertTrue(frozen.getMessage().contains("already elaborated"), frozen.getMessage());
    }

    @Test
    void slicesShiftsAndSelectsCheckRanges() {
        Module m = new Module("m");
        Port a = m.input("a", 8);
        assertThrows(HdlException.class, () -> a.bits(8, 0));
        assertThrows(HdlException.class, () -> a.shl(8));
        assertThrows(HdlException.class, () -> a.sext(4));
        assertThrows(HdlException.class, () -> Hdl.lit(256, 8));
        assertThrows(HdlException.class, () -> Hdl.slit(128, 8));
        Port i = m.input("i", 1);
        HdlException e = assertThrows(HdlException.class, () -> Hdl.select(i, List.of(a, a, a)));
        assertTrue(e.getMessage().contains("1-bit index reaches 2 of 3 items"), e.getMessage());
        assertEquals(16, a.mul(a).width());
        assertEquals(1, a.lt(a).width());
        assertEquals(9, a.addWide(a).width());
    }
}
