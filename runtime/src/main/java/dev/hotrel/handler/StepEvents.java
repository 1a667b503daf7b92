package dev.hotrel.handler;

import dev.hotrel.handler.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An install's step events, told to the listeners in order, but not one by one while servers are
 * suspended: from the {@code suspend} step to the {@code resume} step they are kept and told
 * together once the servers run again. An install that moves 10,000 servers has 10,000 code change
 * steps; handing each to the event thread inside the pause cost half the pause (a thread wake-up
 * and a notification per step), and nobody watches a pause of milliseconds step by step. Outside
 * the pause (preparation, applies, purges, steps that may take long) each step is told as it starts.
 *
 * <p>Used by one install on one thread; {@link #flush} at the end, whatever happened.
 */
final class StepEvents {

    private final String to;
    private final Consumer<Consumer<HandlerListener>> tell;
    private final List<Consumer<HandlerListener>> held = new ArrayList<>();
    private boolean holding;
    private boolean resumed;

    /** @param tell how the handler tells its listeners (on the node's event thread) */
    StepEvents(String to, Consumer<Consumer<HandlerListener>> tell) {
        this.to = to;
        this.tell = tell;
    }

    void before(int index, int count, Step step) {
        if (resumed) {
            flush(); // the first step after the resume: the servers run again
        }
        java.time.Instant startedAt = java.time.Instant.now();
        Consumer<HandlerListener> event = l -> l.installStep(to, index, count, step.describe(), startedAt);
        if (holding) {
            held.add(event);
        } else {
            tell.accept(event);
        }
        if (step instanceof Step.Suspend) {
            holding = true;
        } else if (step instanceof Step.Resume && holding) {
            resumed = true;
        }
    }

    /** Tells what was kept, in one delivery (a listener that throws on one step still hears the next). */
    void flush() {
        holding = false;
        resumed = false;
        if (held.isEmpty()) {
            return;
        }
        List<Consumer<HandlerListener>> batch = List.copyOf(held);
        held.clear();
        tell.accept(l -> {
            for (Consumer<HandlerListener> e : batch) {
                try {
                    e.accept(l);
                } catch (RuntimeException ignored) {
                    // as for any listener: its failure changes nothing of the install
                }
            }
        });
    }
}
