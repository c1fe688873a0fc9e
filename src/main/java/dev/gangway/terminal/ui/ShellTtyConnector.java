package dev.gangway.terminal.ui;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;

import dev.gangway.terminal.RemoteShell;

/**
 * Connects the terminal emulator to an SSH shell: the server's bytes are decoded as UTF-8 for the
 * emulator, keystrokes are sent as they come, and size changes go to the server as window-change.
 */
public final class ShellTtyConnector implements TtyConnector {

    private final RemoteShell shell;
    private final String name;
    private final Reader reader;
    private final OutputStream input;

    public ShellTtyConnector(RemoteShell shell, String name) {
        this.shell = shell;
        this.name = name;
        this.reader = new InputStreamReader(shell.output(), StandardCharsets.UTF_8);
        this.input = shell.input();
    }

    @Override
    public int read(char[] buf, int offset, int length) throws IOException {
        return reader.read(buf, offset, length);
    }

    /**
     * Sends keystrokes; once the shell has ended they go nowhere, quietly (the tab says the session
     * ended; the emulator logged a stack trace for each keystroke before).
     */
    @Override
    public void write(byte[] bytes) throws IOException {
        if (!shell.isOpen()) {
            return;
        }
        try {
            input.write(bytes);
            input.flush();
        } catch (IOException e) {
            if (shell.isOpen()) {
                throw e;
            }
            // It ended while the keystroke was on its way.
        }
    }

    @Override
    public void write(String string) throws IOException {
        write(string.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return shell.isOpen();
    }

    @Override
    public void resize(TermSize size) {
        try {
            shell.resize(size.getColumns(), size.getRows());
        } catch (IOException e) {
            // The connection is going away; the tab reports that when the shell ends.
        }
    }

    @Override
    public int waitFor() {
        Integer status = shell.awaitEnd();
        return status == null ? -1 : status;
    }

    @Override
    public boolean ready() throws IOException {
        return reader.ready();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void close() {
        shell.close();
    }
}
