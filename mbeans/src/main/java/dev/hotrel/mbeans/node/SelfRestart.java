package dev.hotrel.mbeans.node;

import dev.hotrel.handler.NodeRestart;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How {@code hotrel-node} restarts into a release that asked for it: the JVM exits with
 * {@link #EXIT_CODE}, stopping cleanly on the way (the shutdown hook that SIGTERM runs too: Jolokia
 * and JMX, then the applications in reverse start order), and the launcher {@code bin/hotrel-node}
 * starts a new JVM with the same arguments, which boots the release marked to boot next.
 *
 * <p>A new JVM rather than a reboot inside this one, for the reason OTP restarts the emulator: only
 * a new process is a clean slate (static state, threads and loaded classes of the old release's
 * code, JVM options a release may need changed).
 */
final class SelfRestart implements NodeRestart {

    /**
     * "Restart me": {@code EX_TEMPFAIL} of sysexits.h, a temporary condition, try again. The
     * launcher {@code bin/hotrel-node} starts the node again on this code and on no other; a service
     * manager can do the same (systemd: {@code RestartForceExitStatus=75}).
     */
    static final int EXIT_CODE = 75;

    /**
     * How long the node runs on after the install that asked for the restart has returned: its reply
     * is written by the transport (Jolokia's HTTP server, the JMX connector) after the operation
     * returns, and neither waits for replies in flight when it is stopped. A reply is a few hundred
     * bytes written in milliseconds; a second leaves room for a loaded machine.
     */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final PrintStream console;

    SelfRestart(PrintStream console) {
        this.console = console;
    }

    @Override
    public void restartInto(String release) {
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(GRACE.toMillis());
            } catch (InterruptedException e) {
                // Asked to hurry: restart now.
            }
            console.println("hotrel-node: restarting into " + release + ": stopping, then exiting with code " + EXIT_CODE
                    + " for the launcher to start the node again");
            console.flush();
            System.exit(EXIT_CODE);
        }, "hotrel-restart");
        exit.start();
    }
}
