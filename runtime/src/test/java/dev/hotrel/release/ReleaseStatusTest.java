package dev.hotrel.release;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.hotrel.release.ReleaseStatus.CURRENT;
import static dev.hotrel.release.ReleaseStatus.OLD;
import static dev.hotrel.release.ReleaseStatus.PERMANENT;
import static dev.hotrel.release.ReleaseStatus.UNPACKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReleaseStatusTest {

    @Test
    void transitionsFollowTheLifecycleTable() {
        Map<ReleaseStatus, Set<ReleaseStatus>> table = Map.of(
                UNPACKED, EnumSet.of(CURRENT),
                CURRENT, EnumSet.of(PERMANENT, OLD, UNPACKED),
                PERMANENT, EnumSet.of(OLD, PERMANENT),
                OLD, EnumSet.of(CURRENT, PERMANENT));
        for (ReleaseStatus from : ReleaseStatus.values()) {
            for (ReleaseStatus to : ReleaseStatus.values()) {
                assertEquals(table.get(from).contains(to), from.canTransitionTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void onlyUnpackedAndOldReleasesAreRemovable() {
        assertEquals(EnumSet.of(UNPACKED, OLD), EnumSet.copyOf(
                java.util.Arrays.stream(ReleaseStatus.values()).filter(ReleaseStatus::isRemovable).toList()));
    }

    @Test
    void currentIsRecordedAsUnpackedOnDisk() {
        assertEquals(UNPACKED, CURRENT.onDisk());
        assertEquals(PERMANENT, PERMANENT.onDisk());
        assertEquals(OLD, OLD.onDisk());
        assertEquals(UNPACKED, UNPACKED.onDisk());
    }

    @Test
    void entryRefusesATransitionTheTableDoesNotHave() {
        ReleaseEntry unpacked = new ReleaseEntry("demo", Version.parse("1.1.0"), Version.parse("0.1.0"), UNPACKED,
                "sha256:" + "0".repeat(64), java.util.List.of(AppRef.of("counter", "1.1.0")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> unpacked.withStatus(PERMANENT));
        assertEquals("release 1.1.0 is unpacked and cannot become permanent (see the lifecycle of ReleaseStatus)",
                e.getMessage());
        assertEquals(CURRENT, unpacked.withStatus(CURRENT).status());
    }
}
