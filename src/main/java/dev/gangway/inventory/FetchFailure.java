package dev.gangway.inventory;

/**
 * A profile or region that could not be listed, with a message that tells the user what to do.
 * {@code region} is null when the whole profile failed (for example its credentials).
 */
public record FetchFailure(String profile, String region, String message) {

    public String where() {
        return region == null ? "profile " + profile : profile + " / " + region;
    }
}
