package dev.hotrel.handler;

import dev.hotrel.handler.plan.Step;
import dev.hotrel.runtime.purge.PurgeMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepEventsTest {

    /** What the listeners heard, and in how many deliveries (each a hand-off to the event thread). */
    private final List<String> heard = new ArrayList<>();
    private final List<Integer> deliveries = new ArrayList<>();

    private final List<java.time.Instant> startedAt = new ArrayList<>();

    private final HandlerListener listener = new HandlerListener() {
        @Override
        public void installStep(String to, int index, int count, String step, java.time.Instant at) {
            heard.add(index + " " + step);
            startedAt.add(at);
        }
    };

    private StepEvents events() {
        Consumer<Consumer<HandlerListener>> tell = event -> {
            int before = heard.size();
            event.accept(listener);
            deliveries.add(heard.size() - before);
        };
        return new StepEvents("demo-1.1.0", tell);
    }

    @Test
    void stepsInsideThePauseAreToldTogetherOnceTheServersRunAgainAndInOrder() {
        StepEvents events = events();
        List<Step> plan = List.of(new Step.PurgeLeftover("counter"), new Step.Suspend(Map.of("counter/a", 1000L)),
                new Step.SwitchCode("counter", "1.1.0"), new Step.CodeChange("counter", "a", null, false),
                new Step.CodeChange("counter", "b", null, false), new Step.Commit(), new Step.Resume(List.of("counter/a")),
                new Step.Purge("counter", PurgeMode.SOFT));
        for (int i = 0; i < plan.size(); i++) {
            events.before(i + 1, plan.size(), plan.get(i));
            if (i == 5) {
                assertEquals(2, heard.size(), "nothing of the pause is told while servers are suspended");
            }
        }
        events.flush();

        assertEquals(plan.size(), heard.size());
        for (int i = 0; i < plan.size(); i++) {
            assertEquals((i + 1) + " " + plan.get(i).describe(), heard.get(i));
        }
        // purge leftover, suspend, then the pause's five steps at once (switch .. resume), then the purge
        assertEquals(List.of(1, 1, 5, 1), deliveries);
    }

    @Test
    void whatWasKeptIsToldWhenTheInstallFailsInsideThePause() {
        StepEvents events = events();
        events.before(1, 5, new Step.Suspend(Map.of("counter/a", 1000L)));
        events.before(2, 5, new Step.SwitchCode("counter", "1.1.0"));
        events.before(3, 5, new Step.CodeChange("counter", "a", null, false));
        assertEquals(1, heard.size());
        java.time.Instant beforeTelling = java.time.Instant.now();
        events.flush(); // the handler flushes after a failure too
        assertEquals(3, heard.size());
        assertTrue(!startedAt.get(2).isAfter(beforeTelling), "a kept step carries when it started, not when it was told");
        assertEquals(List.of(1, 2), deliveries);
    }
}
