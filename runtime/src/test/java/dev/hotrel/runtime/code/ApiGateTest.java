package dev.hotrel.runtime.code;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.Server;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an application's loader sees of the node: the JDK and hotrel-api, not the node's binding to it. */
class ApiGateTest {

    private final ApiGate gate = new ApiGate();

    @Test
    void applicationsLoadTheApiFromTheNodeAndTheJdk() throws Exception {
        assertSame(Hotrel.class, gate.loadClass("dev.hotrel.api.Hotrel"));
        assertSame(Server.class, gate.loadClass("dev.hotrel.api.Server"));
        assertSame(String.class, gate.loadClass("java.lang.String"));
        assertNotNull(gate.getResource("dev/hotrel/api/Hotrel.class"));
    }

    @Test
    void theNodesBindingToTheApiIsRefusedNamingWhy() throws Exception {
        for (String name : new String[]{"dev.hotrel.api.NodeBinding", "dev.hotrel.api.NodeBinding$Target",
                "dev.hotrel.api.Kernel"}) {
            ClassNotFoundException e = assertThrows(ClassNotFoundException.class, () -> gate.loadClass(name), name);
            assertTrue(e.getMessage().contains("hotrel-api"), e.getMessage());
        }
        assertNull(gate.getResource("dev/hotrel/api/NodeBinding.class"));
        assertNull(gate.getResource("dev/hotrel/api/Kernel.class"));
        assertFalse(gate.getResources("dev/hotrel/api/NodeBinding.class").hasMoreElements(), "getResources");
    }

    @Test
    void theRestOfTheNodeIsNotVisible() {
        assertThrows(ClassNotFoundException.class, () -> gate.loadClass("dev.hotrel.runtime.Node"));
        assertThrows(ClassNotFoundException.class, () -> gate.loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    @Test
    void theFacadeOffersApplicationsNoWayToBindANode() {
        Method[] visible = Arrays.stream(Hotrel.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                .toArray(Method[]::new);
        assertEquals(0, Arrays.stream(visible).filter(m -> m.getName().contains("bind")).count(),
                Arrays.toString(visible));
        for (Method m : visible) {
            for (Class<?> p : m.getParameterTypes()) {
                assertTrue(p.getName().startsWith("java.") || Modifier.isPublic(p.getModifiers()), m.toString());
            }
        }
    }
}
