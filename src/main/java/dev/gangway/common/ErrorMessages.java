package dev.gangway.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The text a user sees for a failure. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /** The message of the failure itself, unwrapped from the executor's wrappers; its type when it has none. */
    public static String message(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
