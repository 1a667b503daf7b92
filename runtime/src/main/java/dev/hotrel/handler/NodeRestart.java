package dev.hotrel.handler;

/**
 * How a node restarts itself when an installed release asks for it ({@code {"restartNode": true}}
 * in its appup): OTP's {@code init:reboot()} under {@code heart}, which boots the new emulator on
 * the release marked to boot next. The release handler knows nothing of processes; whoever runs the
 * node (the {@code hotrel-node} launcher) supplies this.
 *
 * <p>The handler first marks the release to boot next (durably), then ends the install operation,
 * then calls {@link #restartInto} on the operation's thread, before the operation's caller (an
 * MBean client, the CLI) has its reply. An implementation returns at once and stops the node only
 * after that reply has had time to leave.
 */
@FunctionalInterface
public interface NodeRestart {

    /**
     * Nothing restarts this node by itself (tests, a node embedded in another program): the release
     * boots when whoever runs the node starts it again, and the install says so.
     */
    NodeRestart NONE = release -> {
    };

    /**
     * Restarts the node, soon and cleanly, so that it boots the marked release. Called at most once
     * per node; must not block.
     *
     * @param release the marked release, as {@code demo-1.2.0}, for what the node prints as it goes
     */
    void restartInto(String release);
}
