package dev.bitline.sim;

/** The sending end of a {@link Link}. */
public final class OutPort<T> {
    private final Component owner;
    private final String name;
    Link<T> link;

    OutPort(Component owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** True when the link has a free credit, i.e. {@link #send} will succeed. */
    public boolean canSend() {
        return connected().hasCredit();
    }

    /** Sends a message; it arrives after the link's latency. Fails without a credit. */
    public void send(T message) {
        connected().send(message);
    }

    /** Runs {@code listener} each time a credit comes back to this port. */
    public void onSpace(Runnable listener) {
        connected().addSpaceListener(listener);
    }

    public boolean isConnected() {
        return link != null;
    }

    Simulator sim() {
        return owner.sim();
    }

    public String path() {
        return owner.path() + "." + name;
    }

    private Link<T> connected() {
        if (link == null) {
            throw new IllegalStateException(path() + " is not connected");
        }
        return link;
    }
}
