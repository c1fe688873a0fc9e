package dev.gangway.sandbox.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.Command;

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
     * The environment a sandbox instance's programs start with: this process's, less every AWS_
     * variable, as a real instance has none of the user's local AWS settings (or keys) in its shells.
     */
    static Map<String, String> instanceEnvironment() {
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.keySet().removeIf(name -> name.startsWith("AWS_"));
        return vars;
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
