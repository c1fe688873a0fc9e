package dev.gangway.connect;

import dev.gangway.common.UserFacing;

/** Why an instance cannot be connected to as asked, in a sentence that says what to do. */
public final class CannotConnect extends Exception implements UserFacing {

    public CannotConnect(String message) {
        super(message);
    }
}
