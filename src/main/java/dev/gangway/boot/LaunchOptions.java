package dev.gangway.boot;

/**
 * How the window was asked to start, handed from the command line to the window as a value.
 *
 * @param sandbox           open on the built-in sandbox even when AWS credentials exist
 * @param fillerRegions     benchmark knob: this many extra sandbox regions ...
 * @param fillerPerRegion   ... with this many instances each (0: none)
 * @param sandboxSsh        start real SSH servers for the sandbox's Linux instances
 * @param exitWhenPopulated benchmark knob: quit once the table is filled
 */
public record LaunchOptions(boolean sandbox, int fillerRegions, int fillerPerRegion, boolean sandboxSsh,
                            boolean exitWhenPopulated) {

    /** The window as a user starts it: AWS when it has credentials, the sandbox otherwise. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(false, 0, 0, true, false);
    }

    public LaunchOptions withSandbox(boolean value) {
        return new LaunchOptions(value, fillerRegions, fillerPerRegion, sandboxSsh, exitWhenPopulated);
    }

    /** Extra sandbox instances, given as {@code REGIONSxPER_REGION} ("20x50"); implies the sandbox. */
    public LaunchOptions withFiller(String spec) {
        if (spec == null || !spec.matches("\\d+x\\d+")) {
            return this;
        }
        String[] parts = spec.split("x");
        return new LaunchOptions(true, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), sandboxSsh,
                exitWhenPopulated);
    }

    public LaunchOptions withSandboxSsh(boolean value) {
        return new LaunchOptions(sandbox, fillerRegions, fillerPerRegion, value, exitWhenPopulated);
    }

    public LaunchOptions withExitWhenPopulated(boolean value) {
        return new LaunchOptions(sandbox, fillerRegions, fillerPerRegion, sandboxSsh, value);
    }
}
