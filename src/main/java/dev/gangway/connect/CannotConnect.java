package dev.gangway.connect;

/** Why an instance cannot be connected to as asked, in a sentence that says what to do. */
public final class CannotConnect extends Exception {

    public CannotConnect(String message) {
        super(message);
    }
}
