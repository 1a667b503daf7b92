package dev.hotrel.tools;

/**
 * Told how far a long transfer (packing, unpacking) has come. Called from the working thread, often;
 * implementations keep it cheap. {@link #NONE} ignores everything.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores progress: the default for the node and for tests. */
    Progress NONE = (done, total) -> { };

    /**
     * @param done bytes processed so far
     * @param total bytes to process, or -1 if unknown
     */
    void update(long done, long total);

    /** Called once when the work ends, successfully or not. */
    default void finish() {
    }
}
