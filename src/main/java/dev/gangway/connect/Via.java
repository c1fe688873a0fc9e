package dev.gangway.connect;

/** What carries a connection to an instance, as the user chose it ({@code --via}, a menu item). */
public enum Via {
    /** The instance's own address (or the one the user gave); a managed node outside EC2 still takes Session Manager. */
    ADDRESS,
    /** Session Manager: no open port and no address needed, only an online agent. */
    SESSION_MANAGER,
    /** An EC2 Instance Connect Endpoint in the instance's VPC, to its private address. */
    ENDPOINT
}
