package dev.hotrel.bench.install;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress and notes for people, on stderr: stdout carries figures only. */
public final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    public static void say(String message) {
        synchronized (System.err) {
            System.err.println("[bench " + LocalTime.now().format(TIME) + "] " + message);
            System.err.flush();
        }
    }
}
