package dev.hotrel.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A supervisor: its children in start order, what to restart when one dies, and how many
 * restarts it tolerates before it gives up (restart intensity: at most {@code maxRestarts} within
 * {@code periodMillis}; one more and the supervisor gives up). A child may be a supervisor of its own
 * ({@link ChildSpec#supervisor}): a subtree that gives up ends its servers and counts as one dead
 * child of its parent, which restarts it by its own strategy; when the top supervisor gives up,
 * every server stops and the application fails (an operator restarts it, or the next install does).
 *
 * <p>Supervisors change with the code. On an install, the tree the new version's
 * {@link Application#supervisor} describes replaces the running one: each supervisor takes its new
 * strategy and intensity, children keep their place by name under the same supervisor and take
 * their new specs and order, children (servers or whole subtrees) the new tree adds are started and
 * those it no longer has are stopped. A downgrade or rollback puts the older tree back the same
 * way. A server cannot change its supervisor or become a supervisor in place: restart the
 * application for that ({@code restartApplication} in the appup).
 */
public record SupervisorSpec(RestartStrategy strategy, int maxRestarts, long periodMillis, List<ChildSpec> children) {

    public SupervisorSpec {
        Objects.requireNonNull(strategy, "strategy");
        children = List.copyOf(children);
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts is negative: " + maxRestarts);
        }
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("periodMillis must be positive: " + periodMillis);
        }
        Set<String> names = new HashSet<>();
        for (ChildSpec child : children) {
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("two children are named '" + child.name() + "'");
            }
        }
    }

    /** OTP's defaults: one_for_one, 1 restart in 5 seconds, tolerant of little. */
    public static SupervisorSpec oneForOne(ChildSpec... children) {
        return new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 1, 5_000, List.of(children));
    }

    /** A supervisor with the given strategy and OTP's default intensity. */
    public static SupervisorSpec of(RestartStrategy strategy, ChildSpec... children) {
        return new SupervisorSpec(strategy, 1, 5_000, List.of(children));
    }

    /** This spec with another restart intensity. */
    public SupervisorSpec withIntensity(int maxRestarts, long period, TimeUnit unit) {
        return new SupervisorSpec(strategy, maxRestarts, unit.toMillis(period), children);
    }
}
