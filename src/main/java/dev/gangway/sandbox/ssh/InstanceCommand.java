package dev.gangway.sandbox.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.Command;

import dev.gangway.common.ChildEnvironment;

/**
 * What every program a sandbox instance's SSH server runs (its shell, an exec request) is handed by
 * MINA before it starts: the channel's streams and the callback to report its exit with.
 */
abstract class InstanceCommand implements Command {

    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    protected ExitCallback exit;

    /**
     * The environment a sandbox instance's programs start with: only what a shell needs of this
     * process's ({@link ChildEnvironment}), as a real instance has none of the user's local AWS
     * settings, keys or other exported secrets in its shells.
     */
    static Map<String, String> instanceEnvironment() {
        return new HashMap<>(ChildEnvironment.current());
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
