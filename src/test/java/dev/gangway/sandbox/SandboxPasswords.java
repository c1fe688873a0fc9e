package dev.gangway.sandbox;

import java.nio.file.Path;

import dev.gangway.sandbox.world.Machine;

/** The Windows passwords the sandbox sets: the same on every start, from each instance's id. */
public final class SandboxPasswords {

    private SandboxPasswords() {
    }

    /** The password of the instance named {@code name} in the sandbox kept in {@code data}. */
    public static String setFor(Path data, String name) throws Exception {
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false))) {
            return sandbox.world().machines().stream().filter(m -> name.equals(m.name())).findFirst()
                    .map(Machine::windowsPassword).orElseThrow();
        }
    }
}
