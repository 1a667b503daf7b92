package dev.hotrel.runtime.purge;

/**
 * The one class a {@link LoaderWatch} sentinel loader defines. Empty on purpose: a loader with a
 * class of its own is collected exactly when the JVM can unload classes (a full collection, or a
 * concurrent cycle that unloads classes), which is what tells the watch that a purged loader had
 * its chance to go; a loader with no class could go in any young collection.
 */
final class CollectionMark {

    private CollectionMark() {
    }
}
