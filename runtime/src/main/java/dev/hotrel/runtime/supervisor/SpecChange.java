package dev.hotrel.runtime.supervisor;

import dev.hotrel.api.SupervisorSpec;

import java.util.List;
import java.util.Map;

/**
 * The undo record of {@link Supervisor#changeSpec}: the spec and child order a supervisor had, and
 * the same for each subtree the change reached.
 */
public record SpecChange(Supervisor supervisor, SupervisorSpec spec, List<Supervisor.Child> children,
                         Map<Supervisor, SpecChange> subtrees) {
}
