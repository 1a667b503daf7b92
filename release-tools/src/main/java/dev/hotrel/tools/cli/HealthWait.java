package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

/**
 * Waits for a node's health gate to decide ({@code install --wait-healthy}): reads the release
 * handler's {@code HealthGate} until it is no longer on trial, and says how it ended. Bounded by
 * the gate's own time allowed (the node decides by then), plus a minute for a rollback to run.
 */
final class HealthWait {

    private static final long POLL_MILLIS = 200;
    private static final long ROLLBACK_ALLOWANCE_MILLIS = 60_000;

    private HealthWait() {
    }

    /**
     * Waits for the gate of {@code release} (an id such as {@code demo-1.1.0}) and prints its outcome.
     *
     * @throws IllegalStateException if the gate failed (the message says why and where the node is),
     *         or did not decide in time
     */
    @SuppressWarnings("unchecked")
    static void await(RemoteNode node, String release, PrintWriter out) throws InterruptedException {
        Map<String, Object> gate = (Map<String, Object>) node.read(RemoteNode.HANDLER, "HealthGate");
        if (gate == null || !release.equals(gate.get("release"))) {
            out.println(release + " has no health gate: nothing to wait for");
            return;
        }
        out.println("health gate of " + gate.get("summary"));
        out.flush();
        Instant deadline = Instant.parse((String) gate.get("deadline")).plusMillis(ROLLBACK_ALLOWANCE_MILLIS);
        while ("trial".equals(gate.get("state"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the health gate of " + release + " did not decide by its deadline "
                        + gate.get("deadline") + ": " + gate.get("summary"));
            }
            Thread.sleep(POLL_MILLIS);
            gate = (Map<String, Object>) node.read(RemoteNode.HANDLER, "HealthGate");
        }
        String state = (String) gate.get("state");
        if ("healthy".equals(state) || "accepted".equals(state)) {
            out.println(release + " is healthy: " + gate.get("reason"));
            return;
        }
        throw new IllegalStateException("health gate of " + release + " " + (state.equals("rolledBack") ? "failed, rolled back"
                : state) + ": " + gate.get("reason"));
    }
}
