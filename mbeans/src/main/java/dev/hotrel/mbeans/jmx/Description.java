package dev.hotrel.mbeans.jmx;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an MBean, attribute (on its getter), operation or parameter means to an operator. JConsole
 * shows it as tooltip and Jolokia's {@code list} returns it; without it the JDK says only the
 * operation's name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
    String value();
}
