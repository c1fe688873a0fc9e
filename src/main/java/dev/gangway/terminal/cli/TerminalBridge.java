package dev.gangway.terminal.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import dev.gangway.terminal.RemoteShell;

/**
 * A remote shell in the terminal the command runs in: keys as they are typed go to the shell, its
 * output to the screen as it comes, the terminal's resizes to the remote side. The same for SSH and
 * Session Manager.
 */
public final class TerminalBridge {

    private TerminalBridge() {
    }

    /** Runs until the shell ends; its exit status, or null when the connection dropped without one. */
    public static Integer run(RemoteShell shell, LocalTerminal terminal, InputStream keys, OutputStream screen)
            throws IOException {
        terminal.onResize((cols, rows) -> {
            try {
                shell.resize(cols, rows);
            } catch (IOException e) {
                // The session is ending; its end is reported by the caller.
            }
        });
        Thread typing = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (OutputStream toShell = shell.input()) {
                int n;
                while ((n = keys.read(buf)) >= 0) {
                    toShell.write(buf, 0, n);
                    toShell.flush();
                }
            } catch (IOException e) {
                // The shell has gone; the output side notices and ends the session.
            }
        }, "gangway-keys");
        typing.setDaemon(true);
        typing.start();
        shell.output().transferTo(new FlushingOut(screen));
        return shell.awaitEnd();
    }

    /** Passes bytes on as they come: a terminal shows a prompt at once, not when a buffer fills. */
    static final class FlushingOut extends FilterOutputStream {
        FlushingOut(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }
    }
}
