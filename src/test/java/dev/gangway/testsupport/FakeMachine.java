package dev.gangway.testsupport;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import dev.gangway.rdp.RdpLaunchers;

/** A machine with exactly the programs and files a test names, to choose Remote Desktop clients on. */
public final class FakeMachine {

    private FakeMachine() {
    }

    public static RdpLaunchers.Probe with(Set<String> programs, Set<Path> files) {
        return new RdpLaunchers.Probe() {
            @Override
            public Optional<Path> onPath(String program) {
                return programs.contains(program) ? Optional.of(Path.of("/usr/bin", program)) : Optional.empty();
            }

            @Override
            public boolean exists(Path path) {
                return files.contains(path);
            }
        };
    }

    /** No Remote Desktop client installed at all. */
    public static RdpLaunchers.Probe bare() {
        return with(Set.of(), Set.of());
    }
}
