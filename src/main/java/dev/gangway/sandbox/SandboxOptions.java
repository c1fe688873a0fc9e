package dev.gangway.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.gangway.sandbox.world.Fault;

/**
 * Knobs of the sandbox cloud, for tests and benchmarks.
 *
 * @param dataDirectory        where the sandbox keeps its key pair, host keys and shell homes
 * @param seeded               include the curated world (Amazon Linux, Ubuntu, Debian, RHEL, Windows ...)
 * @param fillerRegions        how many regions get generated filler instances (0 = none)
 * @param fillerPerRegion      generated instances in each of those regions
 * @param latency              how long every API call takes at least, the sandbox's own work included
 * @param faults               a fault to answer with, per region
 * @param sshServers           back each running Linux instance of the curated world with a real SSH server
 * @param clock                the sandbox's idea of now (password availability, Instance Connect expiry)
 * @param port                 the HTTP port, 0 for any free one
 */
public record SandboxOptions(Path dataDirectory, boolean seeded, int fillerRegions, int fillerPerRegion,
                             Duration latency, Map<String, Fault> faults, boolean sshServers, Clock clock, int port) {

    public SandboxOptions {
        faults = Map.copyOf(faults);
    }

    public static SandboxOptions defaults(Path dataDirectory) {
        return new SandboxOptions(dataDirectory, true, 0, 0, Duration.ZERO, Map.of(), true, Clock.systemUTC(), 0);
    }

    public SandboxOptions withFiller(int regions, int perRegion) {
        return new SandboxOptions(dataDirectory, seeded, regions, perRegion, latency, faults, sshServers, clock, port);
    }

    public SandboxOptions withSeeded(boolean value) {
        return new SandboxOptions(dataDirectory, value, fillerRegions, fillerPerRegion, latency, faults, sshServers, clock, port);
    }

    public SandboxOptions withLatency(Duration value) {
        return new SandboxOptions(dataDirectory, seeded, fillerRegions, fillerPerRegion, value, faults, sshServers, clock, port);
    }

    public SandboxOptions withFaults(Map<String, Fault> value) {
        return new SandboxOptions(dataDirectory, seeded, fillerRegions, fillerPerRegion, latency, value, sshServers, clock, port);
    }

    public SandboxOptions withSshServers(boolean value) {
        return new SandboxOptions(dataDirectory, seeded, fillerRegions, fillerPerRegion, latency, faults, value, clock, port);
    }

    public SandboxOptions withClock(Clock value) {
        return new SandboxOptions(dataDirectory, seeded, fillerRegions, fillerPerRegion, latency, faults, sshServers, value, port);
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(dataDirectory, seeded, fillerRegions, fillerPerRegion, latency, faults, sshServers, clock, value);
    }
}
