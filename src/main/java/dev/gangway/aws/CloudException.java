package dev.gangway.aws;

import dev.gangway.common.UserFacing;

/** A cloud call failed; the message says what happened and what the user can do about it. */
public class CloudException extends Exception implements UserFacing {

    public CloudException(String message) {
        super(message);
    }

    public CloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
