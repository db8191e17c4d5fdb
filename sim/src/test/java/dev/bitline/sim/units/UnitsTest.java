package dev.bitline.sim.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({
        "1.6GHz, 1600000000", "800MHz, 800000000", "1.2 GHz, 1200000000", "1e9Hz, 1000000000",
        "1.6ghz, 1600000000", "2.5E3MHz, 2500000000", "32kHz, 32000", "1THz, 1000000000000",
        "1066.666666MHz, 1066666666", "' 3GHz ', 3000000000"})
    void frequencyParses(String text, long hz) {
        assertEquals(hz, Frequency.parse(text).hz());
    }

    @ParameterizedTest
    @CsvSource({
        "625ps, 625", "14ns, 14000", "13.75ns, 13750", "1.5us, 1500000", "3ms, 3000000000",
        "2s, 2000000000000", "0, 0", "0ns, 0", "7.8\u00b5s, 7800000", "0.001ns, 1", "1e3ps, 1000"})
    void durationParses(String text, long ps) {
        assertEquals(ps, Duration.parse(text).ps());
    }

    @ParameterizedTest
    @CsvSource({
        "16GiB, 17179869184", "1KB, 1000", "1kB, 1000", "1KiB, 1024", "2MB, 2000000", "1.5KiB, 1536",
        "8Gb, 1000000000", "8Gib, 1073741824", "64b, 8", "512B, 512", "1TiB, 1099511627776", "4MiB, 4194304"})
    void dataSizeParses(String text, long bytes) {
        assertEquals(bytes, DataSize.parse(text).bytes());
    }

    @ParameterizedTest
    @CsvSource({"3.2Gbps, 3200000000", "16Gbps, 16000000000", "2Gb/s, 2000000000", "100Mbps, 100000000", "1kbps, 1000"})
    void bitRateParses(String text, long bps) {
        assertEquals(bps, BitRate.parse(text).bitsPerSecond());
    }

    @ParameterizedTest
    @CsvSource({"25.6GB/s, 25.6e9", "1.5TB/s, 1.5e12", "512GiB/s, 549755813888", "19.2GBps, 19.2e9", "0.5B/s, 0.5"})
    void bandwidthParses(String text, double bps) {
        assertEquals(bps, Bandwidth.parse(text).bytesPerSecond());
    }

    @Test
    void formatsShortestExactForm() {
        assertEquals("1.6GHz", Frequency.parse("1600MHz").toString());
        assertEquals("625ps", Duration.parse("0.625ns").toString());
        assertEquals("13.75ns", Duration.parse("13750ps").toString());
        assertEquals("1.5us", Duration.parse("1500ns").toString());
        assertEquals("16GiB", DataSize.parse("16GiB").toString());
        assertEquals("1KB", DataSize.parse("1000B").toString());
        assertEquals("1536B", DataSize.parse("1.5KiB").toString());
        assertEquals("1.5MiB", DataSize.parse("1536KiB").toString());
        assertEquals("3.2Gbps", BitRate.parse("3200Mbps").toString());
        assertEquals("25.6GB/s", Bandwidth.parse("25600MB/s").toString());
        assertEquals("512GiB/s", Bandwidth.parse("512GiB/s").toString());
        assertEquals("0ps", Duration.ZERO.toString());
        assertEquals("0B", DataSize.ZERO.toString());
    }

    @Test
    void accessors() {
        assertEquals(625.0, Frequency.parse("1.6GHz").periodPs(), 1e-9);
        assertEquals(1.6, Frequency.parse("1.6GHz").ghz(), 1e-12);
        assertEquals(13.75, Duration.parse("13.75ns").ns(), 1e-12);
        assertEquals(16.0, DataSize.parse("16GiB").gib(), 0);
        assertEquals(8L * 1024, DataSize.parse("1KiB").bits());
        assertEquals(0.4e9, BitRate.parse("3.2Gbps").bytesPerSecond(), 0);
        assertEquals(25.6, Bandwidth.parse("25.6GB/s").gbPerSecond(), 1e-12);
    }

    @Test
    void cyclesRoundUpExactly() {
        Frequency tck = Frequency.parse("1.6GHz"); // 625 ps
        assertEquals(22, Duration.parse("13.75ns").cyclesCeil(tck));
        assertEquals(23, Duration.parse("13.76ns").cyclesCeil(tck));
        assertEquals(0, Duration.ZERO.cyclesCeil(tck));
        // 1.2GHz has a non-integer period: 14ns * 1.2GHz = 16.8 -> 17
        assertEquals(17, Duration.parse("14ns").cyclesCeil(Frequency.parse("1.2GHz")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3ps", "1.0001ns", "1e-13s"})
    void fractionalPicosecondsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Duration.parse(text));
        assertTrue(e.getMessage().contains("not a whole number of picoseconds"), e.getMessage());
        assertTrue(e.getMessage().contains("(expected a duration like \"14ns\""), e.getMessage());
    }

    @Test
    void errorsSayWhatWasExpected() {
        assertMessage(() -> Frequency.parse("fast"), "cannot read \"fast\" as a frequency (expected a frequency like \"1.6GHz\"; units: Hz, kHz, MHz, GHz, THz)");
        assertMessage(() -> Frequency.parse("1.6Gz"), "unknown unit \"Gz\" in \"1.6Gz\"");
        assertMessage(() -> Frequency.parse("1.6"), "missing unit in \"1.6\"");
        assertMessage(() -> Frequency.parse("0Hz"), "frequency must be positive");
        assertMessage(() -> Frequency.parse("0.5Hz"), "not a whole number of hertz");
        assertMessage(() -> Duration.parse("-1ns"), "must not be negative");
        assertMessage(() -> Duration.parse("14Ns"), "unknown unit \"Ns\"");
        assertMessage(() -> Duration.parse(""), "empty duration");
        assertMessage(() -> Duration.parse(null), "empty duration");
        assertMessage(() -> DataSize.parse("1b"), "not a whole number of bytes");
        assertMessage(() -> DataSize.parse("9EiB"), "unknown unit");
        assertMessage(() -> DataSize.parse("8192PiB"), "is too large");
        assertMessage(() -> BitRate.parse("3.2GB/s"), "expected a bit rate like \"3.2Gbps\"");
        assertMessage(() -> Bandwidth.parse("25.6Gbps"), "expected a bandwidth like \"25.6GB/s\"");
        assertMessage(() -> Bandwidth.parse("1e400TB/s"), "too large");
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertMessage(() -> Duration.parse("9223372036854775808ps"), "too large");
        assertEquals(Long.MAX_VALUE, Duration.parse("9223372036854775807ps").ps());
        assertMessage(() -> Duration.parse("1e999999999s"), "too large");
        assertMessage(() -> Duration.parse("1e-999999999s"), "not a whole number");
        assertMessage(() -> Duration.parse("1e99999999999s"), "out of range");
        assertMessage(() -> Frequency.parse("10000000THz"), "too large");
        assertThrows(ArithmeticException.class, () -> Duration.ofPs(Long.MAX_VALUE).plus(Duration.ofPs(1)));
        assertThrows(ArithmeticException.class, () -> DataSize.ofGiB(Long.MAX_VALUE / 2));
    }

    @Test
    void constructorsValidate() {
        assertThrows(IllegalArgumentException.class, () -> new Frequency(0));
        assertThrows(IllegalArgumentException.class, () -> new Duration(-1));
        assertThrows(IllegalArgumentException.class, () -> new DataSize(-1));
        assertThrows(IllegalArgumentException.class, () -> new BitRate(-1));
        assertThrows(IllegalArgumentException.class, () -> new Bandwidth(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Bandwidth(Double.POSITIVE_INFINITY));
        assertEquals(new Bandwidth(0.0), new Bandwidth(-0.0));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable ex, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().contains(part), () -> "message <" + e.getMessage() + "> lacks <" + part + ">");
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
