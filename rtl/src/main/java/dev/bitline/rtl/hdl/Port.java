package dev.bitline.rtl.hdl;

/** A module port. */
public final class Port extends Signal {
    public enum Dir { IN, OUT }

    private final Dir dir;

    Port(Module m, String name, Dir dir, int width, boolean signed, SourceLine src) {
        super(m, name, width, signed, src);
        this.dir = dir;
    }

    public Dir dir() {
        return dir;
    }

    public boolean isInput() {
        return dir == Dir.IN;
    }
}
