package dev.hotrel.mbeans.jmx;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a getter-shaped method ({@code getState()}) as an operation instead of an attribute:
 * for reads that cost something (a trip through a server's loop) and must not run on every
 * JConsole refresh.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {
}
