package dev.hotrel.runtime.code;

import dev.hotrel.api.OldState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * An old state that is an immutable JDK scalar is handed over as it is (no codec round trip inside
 * the pause), and that gives exactly what the round trip gives.
 */
class ScalarStateTest {

    private final AppVersion from = AppVersion.load("app", "1.0.0", List.of(), new ApiGate());
    private final AppVersion to = AppVersion.load("app", "1.1.0", List.of(), new ApiGate());

    @Test
    void aScalarStateIsItsOwnTreeAndConvertsToItsOwnClassWithoutTheCodec() {
        for (Object state : List.of(42L, Long.MAX_VALUE, 7, "count", true, "")) {
            OldState old = to.migrationFrom(from, state, Object.class);
            assertSame(state, old.tree(), "the tree of " + state);
            assertSame(state, old.as(state.getClass()), "as its own class: " + state);

            Object roundTrip = to.codec().read(from.codec().write(state), Object.class);
            assertEquals(state, roundTrip, "the codec's tree of " + state + " is equal");
            assertEquals(state.getClass(), roundTrip.getClass(), "and of the same class");
        }
    }

    @Test
    void aScalarIntoAnotherTypeStillGoesThroughTheCodec() {
        OldState old = to.migrationFrom(from, 42L, Object.class);
        assertEquals(42, old.as(Integer.class));
        assertEquals("42", old.as(String.class));
        assertEquals(42.0, old.as(Double.class));
    }
}
