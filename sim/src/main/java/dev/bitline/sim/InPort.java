package dev.bitline.sim;

/**
 * The receiving end of a {@link Link}. A message occupies one of the link's
 * credits from the moment it is sent until the receiver calls
 * {@link #release()}, which is how a busy receiver pushes back on its sender.
 */
public final class InPort<T> {
    private final Component owner;
    private final String name;
    private final MessageHandler<T> handler;
    Link<T> link;

    InPort(Component owner, String name, MessageHandler<T> handler) {
        this.owner = owner;
        this.name = name;
        this.handler = handler;
    }

    void deliver(T message) {
        handler.receive(message);
    }

    /** Returns one credit to the sender (it arrives after the link latency). */
    public void release() {
        if (link == null) {
            throw new IllegalStateException(path() + " is not connected");
        }
        link.returnCredit();
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
}
