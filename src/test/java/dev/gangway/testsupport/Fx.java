package dev.gangway.testsupport;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reads JavaFX state the way the window itself does: on the FX thread. A wait or an assertion that
 * reads a table's items or a label's text from the test thread can see a half-made change (the
 * item list in the middle of a sort, a text set before the rest of the same FX task ran).
 */
public final class Fx {

    private Fx() {
    }

    /** {@code what}, computed on the FX thread (directly when already there), within 10 seconds. */
    public static <T> T read(Supplier<T> what) {
        if (Platform.isFxApplicationThread()) {
            return what.get();
        }
        try {
            return WaitForAsyncUtils.asyncFx(what::get).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading JavaFX state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read JavaFX state on the FX thread", e);
        }
    }
}
