package dev.gangway.sandbox.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;

import dev.gangway.common.HostOs;

/**
 * A sandbox instance's interactive shell on a real pseudo-terminal, running as the user who started
 * the sandbox, with none of their {@code AWS_} variables: the same for its SSH servers and its
 * Session Manager agent.
 */
public final class SandboxPty {

    private SandboxPty() {
    }

    /** The environment a sandbox instance's programs start with: only what a shell needs of the starter's. */
    public static Map<String, String> environment() {
        return InstanceCommand.instanceEnvironment();
    }

    /**
     * Starts the shell in {@code home} at {@code columns} × {@code rows}, {@code env} over the
     * instance's environment; {@code nativeFolder} is where pty4j may unpack its library.
     */
    public static PtyProcess start(Path home, Path nativeFolder, String prompt, int columns, int rows,
            Map<String, String> env) throws IOException {
        Map<String, String> vars = InstanceCommand.instanceEnvironment();
        vars.putAll(env);
        vars.putIfAbsent("TERM", "xterm-256color");
        vars.put("HOME", home.toString());
        vars.put("PS1", prompt);
        vars.put("LANG", vars.getOrDefault("LANG", "C.UTF-8"));
        String[] command = HostOs.current() == HostOs.WINDOWS
                ? new String[] {"cmd.exe"}
                : new String[] {"/bin/bash", "--noprofile", "--norc", "-i"};
        PtyShellCommand.nativeFolder(nativeFolder);
        return new PtyProcessBuilder(command)
                .setEnvironment(vars)
                .setDirectory(home.toString())
                .setInitialColumns(columns)
                .setInitialRows(rows)
                .setRedirectErrorStream(true)
                .start();
    }
}
