package dev.hotrel.runtime.code;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateCodecTest {

    static final class Before {
        int hits = 3;
        String name = "x";
        SocketChannel channel;
        ExecutorService pool;
        AtomicLong seq = new AtomicLong(9);
        List<Object> items = List.of(1, "two");
        Instant at = Instant.ofEpochSecond(7);
        Path path = Path.of("/tmp/x");
    }

    record After(int hits, String name, SocketChannel channel, ExecutorService pool, AtomicLong seq,
                 List<Object> items, Instant at, Path path, String added) {
    }

    private final StateCodec from = new StateCodec(getClass().getClassLoader());
    private final StateCodec to = new StateCodec(getClass().getClassLoader());

    /** A node object handed to application code through an API interface, as a ReplyTo or a TimerRef is. */
    static final class Handle implements dev.hotrel.api.TimerRef, NodeHandle {
        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public String toString() {
            return "a handle";
        }
    }

    static final class Holding {
        dev.hotrel.api.TimerRef timer;
        List<dev.hotrel.api.TimerRef> more;
        Object any;
    }

    @Test
    void nodeHandlesAreHandedOverByReferenceWhateverTheyAreDeclaredAsAndShownAsLive() {
        Holding h = new Holding();
        h.timer = new Handle();
        h.more = List.of(new Handle());
        h.any = new Handle();
        Holding after = to.read(from.write(h), Holding.class);
        assertSame(h.timer, after.timer);
        assertSame(h.more.get(0), after.more.get(0));
        assertSame(h.any, after.any);
        assertTrue(from.toJson(h).contains("\"timer\" : \"<live " + Handle.class.getName() + ": a handle>\""), from.toJson(h));
    }

    @Test
    void liveJdkResourcesAreHandedOverByReferenceAndValuesAreRebuilt() throws IOException {
        Before b = new Before();
        b.channel = SocketChannel.open();
        b.pool = Executors.newSingleThreadExecutor();
        try {
            After a = to.read(from.write(b), After.class);
            assertSame(b.channel, a.channel());
            assertTrue(a.channel().isOpen(), "never closed");
            assertSame(b.pool, a.pool());
            assertSame(b.seq, a.seq());
            assertEquals(3, a.hits());
            assertEquals("x", a.name());
            assertEquals(List.of(1, "two"), a.items());
            assertEquals(b.at, a.at());
            assertEquals(b.path, a.path());
            assertEquals(null, a.added(), "a field the old state lacks stays default");
        } finally {
            b.channel.close();
            b.pool.shutdown();
        }
    }

    @Test
    void theNeutralTreeIsJdkMapsWithLiveObjectsInside() throws IOException {
        Before b = new Before();
        b.channel = SocketChannel.open();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) to.read(from.write(b), Object.class);
            assertEquals(3, tree.get("hits"));
            assertSame(b.channel, tree.get("channel"));
            assertEquals(List.of(1, "two"), tree.get("items"));
        } finally {
            b.channel.close();
        }
    }

    @Test
    void stateRendersAsJsonWithLiveObjectsAsText() throws IOException {
        Before b = new Before();
        b.channel = SocketChannel.open();
        try {
            String json = to.toJson(b);
            assertTrue(json.contains("\"hits\" : 3"), json);
            assertTrue(json.contains("\"channel\" : \"<live sun.nio.ch.SocketChannelImpl: "), json);
        } finally {
            b.channel.close();
        }
    }

    @Test
    void aLiveObjectOfTheWrongTypeIsAClearError() {
        record Wrong(SocketChannel seq) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> to.read(from.write(new Before()), Wrong.class));
        assertTrue(e.getMessage().contains("live java.util.concurrent.atomic.AtomicLong cannot become a java.nio.channels.SocketChannel"),
                e.getMessage());
    }

    // ---- what the neutral tree cannot carry is refused, naming the field --------------------------

    static final class Inner {
        String label = "in";
    }

    static final class Shared {
        List<String> a = new java.util.ArrayList<>(List.of("x"));
        List<String> b = a;
    }

    static final class Looped {
        String name = "n";
        Looped next;
    }

    static final class Untyped {
        Object payload = new Inner();
    }

    static final class Loose {
        Map<String, Object> byName = new java.util.HashMap<>(Map.of("x", new Inner()));
    }

    enum Colour { RED }

    record Point(int x, int y) {
    }

    static final class Fine {
        Colour first = Colour.RED;
        Colour second = Colour.RED;
        Point p = new Point(1, 2);
        Point q = p;
        Map<String, Inner> inners = Map.of("k", new Inner());
    }

    @Test
    void twoFieldsHoldingOneObjectAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from.write(new Shared()));
        assertTrue(e.getMessage().contains("field 'b' holds the same java.util.ArrayList as field 'a': the conversion "
                + "would give each its own copy"), e.getMessage());
    }

    @Test
    void aCycleIsRefusedNamingTheFieldNotOverflowingTheStack() {
        Looped l = new Looped();
        l.next = new Looped();
        l.next.next = l;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from.write(l));
        assertTrue(e.getMessage().contains("field 'next.next' holds an object that holds it (a cycle through the state)"),
                e.getMessage());
    }

    @Test
    void anApplicationObjectUnderAnObjectOrMapOfObjectFieldIsRefused() {
        IllegalArgumentException untyped = assertThrows(IllegalArgumentException.class, () -> from.write(new Untyped()));
        assertTrue(untyped.getMessage().contains("field 'payload' is declared as java.lang.Object but holds a "
                + Inner.class.getName() + ": the conversion reads the declared type, so the object would come back as a map"),
                untyped.getMessage());
        IllegalArgumentException loose = assertThrows(IllegalArgumentException.class, () -> from.write(new Loose()));
        assertTrue(loose.getMessage().contains("field 'byName.x' is declared as java.lang.Object but holds a "
                + Inner.class.getName()), loose.getMessage());
    }

    @Test
    void enumsSharedRecordsAndTypedMapsRoundTrip() {
        Fine fine = to.read(from.write(new Fine()), Fine.class);
        assertEquals(Colour.RED, fine.second);
        assertEquals(new Point(1, 2), fine.q);
        assertEquals("in", fine.inners.get("k").label);
    }
}
