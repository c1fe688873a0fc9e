package dev.gangway.common;

/**
 * Marks an exception whose message is written for the user: it says what happened and what to do,
 * and holds no secret. Front ends show it as it is; anything else is an unexpected failure.
 */
public interface UserFacing {
}
