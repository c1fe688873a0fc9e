package dev.gangway.sandbox;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One sandbox for a test class: its API only (no SSH servers), in a data folder of the class's own. */
abstract class ApiSandboxTest {

    @TempDir
    static Path data;
    static SandboxCloud sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }
}
