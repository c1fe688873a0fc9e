package dev.gangway.inventory;

/** Progress of a refresh, called from background threads. */
public interface InventoryListener {

    /** The number of profile × region fetches now known to be needed (grows as regions are discovered). */
    default void planned(int total) {
    }

    /** One profile × region finished; {@code failure} is null when it succeeded. */
    default void finished(String profile, String region, int instances, FetchFailure failure) {
    }

    InventoryListener NONE = new InventoryListener() { };
}
