package dev.hotrel.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigTest {

    @Test
    void namesAreDerivedFromTheKey() {
        assertEquals("hotrel.suspendTimeout", ConfigKey.SUSPEND_TIMEOUT.systemProperty());
        assertEquals("HOTREL_SUSPEND_TIMEOUT", ConfigKey.SUSPEND_TIMEOUT.environmentVariable());
        assertEquals("HOTREL_JOLOKIA_KEYSTORE_PASSWORD_FILE", ConfigKey.JOLOKIA_KEYSTORE_PASSWORD_FILE.environmentVariable());
    }

    @Test
    void explicitBeatsPropertyBeatsEnvironmentBeatsDefault() {
        Map<String, String> props = Map.of("hotrel.suspendTimeout", "200", "hotrel.jmxPort", "9010");
        Map<String, String> env = Map.of("HOTREL_SUSPEND_TIMEOUT", "300", "HOTREL_JMX_PORT", "9020", "HOTREL_LEAK_CHECK_TIMEOUT", "7");
        Config c = Config.of(Map.of(ConfigKey.SUSPEND_TIMEOUT, "100"), props, env);
        assertEquals(100, c.getLong(ConfigKey.SUSPEND_TIMEOUT));
        assertEquals(9010, c.getInt(ConfigKey.JMX_PORT));
        assertEquals(7, c.getLong(ConfigKey.LEAK_CHECK_TIMEOUT));
        assertEquals("127.0.0.1:8778", c.require(ConfigKey.JOLOKIA));
    }

    @Test
    void badOrMissingValuesSayHowToFixThem() {
        Config c = Config.of(Map.of(ConfigKey.JMX_PORT, "x"), Map.of(), Map.of());
        assertEquals("setting 'jmxPort' must be a whole number, got 'x'",
                assertThrows(IllegalArgumentException.class, () -> c.getInt(ConfigKey.JMX_PORT)).getMessage());
        assertEquals("setting 'root' is required: pass --root, -Dhotrel.root or HOTREL_ROOT",
                assertThrows(IllegalArgumentException.class, () -> c.require(ConfigKey.ROOT)).getMessage());
    }
}
