package dev.hotrel.examples.kv;

/** A key's value and when it expires: since 1.1.0. */
final class Entry {
    String value;
    /** Wall-clock instant (epoch milliseconds) after which the key is gone; 0 for never. */
    long expiresAtMillis;

    static Entry of(String value, long expiresAtMillis) {
        Entry e = new Entry();
        e.value = value;
        e.expiresAtMillis = expiresAtMillis;
        return e;
    }

    boolean expiredAt(long nowMillis) {
        return expiresAtMillis != 0 && expiresAtMillis <= nowMillis;
    }
}
