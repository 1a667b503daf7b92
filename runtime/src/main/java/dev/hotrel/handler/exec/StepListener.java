package dev.hotrel.handler.exec;

import dev.hotrel.handler.plan.Step;

/**
 * Told before each step of a plan runs: for progress events, logs, and tests that inject a failure
 * at a given step by throwing here (which fails that step like any other failure).
 */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (index, count, step) -> { };

    /** @param index the step's number, from 1 */
    void beforeStep(int index, int count, Step step);
}
