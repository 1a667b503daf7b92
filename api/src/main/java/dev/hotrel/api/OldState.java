package dev.hotrel.api;

/**
 * The state of a server as the version being left held it, handed to the new version's
 * {@link Server#codeChange}.
 *
 * <p>The old version's classes are not visible to the new one, so the state arrives as a neutral
 * tree: JDK maps, lists, strings, numbers and booleans, built from the old state's fields (and
 * record components). Live JDK resources in the old state (channels, sockets, executors, threads,
 * streams) are not copied: the tree holds the very same objects, and {@link #as} puts them into
 * the new state by reference, still open.
 *
 * <p>Converting never changes the old state, so a failed code change leaves the server exactly as
 * it was.
 */
public interface OldState {

    /** The version of the application that held this state. */
    String version();

    /** The class name of the old state object, or {@code null} if the state was {@code null}. */
    String className();

    /** The old state object itself when it is a JDK or {@code dev.hotrel.api} value, else {@code null}. */
    Object jdkValue();

    /**
     * The neutral tree: a {@code Map<String,Object>} for an object or record, a {@code List} for a
     * collection, a JDK value or live resource otherwise, {@code null} for a null state.
     */
    Object tree();

    /**
     * Converts the old state into {@code type}: fields are matched by name, fields the new type
     * does not have are ignored, live JDK resources are carried over by reference.
     *
     * @throws IllegalArgumentException naming the field that could not be converted
     */
    <T> T as(Class<T> type);

    /**
     * Converts a tree (for example {@link #tree()} after the new version edited it) into
     * {@code type}, with the same rules as {@link #as(Class)}.
     */
    <T> T convert(Object tree, Class<T> type);

    /**
     * Converts the old state into the class of the same name in the new version (the state itself
     * when it is a JDK value).
     *
     * @throws IllegalArgumentException if the new version has no class of that name
     */
    Object asSameClass();
}
