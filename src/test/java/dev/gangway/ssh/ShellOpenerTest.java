package dev.gangway.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.SettingsService;
import dev.gangway.settings.SettingsStore;
import dev.gangway.testsupport.SameThreadRunner;
import dev.gangway.testsupport.SessionEvents;

/** What the window remembers from a login: the key file the user picked, once it worked. */
class ShellOpenerTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;

    @BeforeAll
    static void startSandbox() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aKeyFileTheUserPicksIsRememberedForItsKeyPairOnceTheLoginWorks() throws Exception {
        Instance web = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances().stream().filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
        // The key pair's file is somewhere Gangway does not look: the user has to pick it.
        Path picked = Files.move(cloud.sandboxCloud().keyFile(), home.resolve("elsewhere.pem"));
        SettingsService settings = new SettingsService(new SettingsStore(home.resolve("config")));
        ShellOpener sessions = new ShellOpener(new ConnectTasks(cloud.connectContext(), new SameThreadRunner(), settings));
        try {
            AtomicInteger asked = new AtomicInteger();
            open(sessions, web, new Answers(() -> {
                asked.incrementAndGet();
                return Optional.of(picked);
            }));
            assertThat(asked).hasValue(1);
            assertThat(settings.current().keyFile(web.keyName())).contains(picked.toAbsolutePath().toString());

            // Next time it is not asked.
            open(sessions, web, new Answers(() -> {
                throw new AssertionError("asked again for the key file");
            }));
        } finally {
            sessions.close();
            // Its debounced save must land before the temporary folder goes (a late write made CI red).
            settings.close();
        }
    }

    /**
     * A row the user stays on gets its console output asked for ahead (after a moment: arrowing
     * through rows asks nothing), and the double-click's connection uses that answer: one
     * GetConsoleOutput in all. A host known_hosts knows asks nothing.
     */
    @Test
    void aSelectedRowHasItsHostKeysReadyForTheDoubleClick() throws Exception {
        List<Instance> all = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()),
                List.of()), InventoryListener.NONE).instances();
        Instance passedOver = all.stream().filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
        Instance api = all.stream().filter(i -> "api-ubuntu".equals(i.name())).findFirst().orElseThrow();
        Path key = Files.exists(cloud.sandboxCloud().keyFile()) ? cloud.sandboxCloud().keyFile()
                : home.resolve("elsewhere.pem");
        SettingsService settings = new SettingsService(new SettingsStore(home.resolve("config-ahead")));
        SameThreadRunner tasks = new SameThreadRunner();
        ShellOpener sessions = new ShellOpener(new ConnectTasks(cloud.connectContext(), tasks, settings));
        var world = cloud.sandboxCloud().world();
        try {
            long before = world.calls("GetConsoleOutput");
            sessions.prepare(passedOver);
            sessions.prepare(api);
            assertThat(tasks.waiting()).as("only the row the user stays on").isEqualTo(1);
            tasks.runDue();
            open(sessions, api, new Answers(() -> Optional.of(key)), "ubuntu");
            assertThat(world.calls("GetConsoleOutput")).as("asked once, ahead").isEqualTo(before + 1);

            sessions.prepare(api);
            assertThat(tasks.waiting()).as("known_hosts knows it now").isZero();
        } finally {
            sessions.close();
            settings.close();
        }
    }

    /**
     * A row the user stays on has its key searched for ahead (EC2's fingerprint of its key pair and
     * the key folders), and the double-click's connection takes that answer: one DescribeKeyPairs
     * in all, made before the double-click.
     */
    @Test
    void aSelectedRowHasItsKeySearchDoneForTheDoubleClick() throws Exception {
        Instance web = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances().stream().filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
        Path key = Files.exists(cloud.sandboxCloud().keyFile()) ? cloud.sandboxCloud().keyFile()
                : home.resolve("elsewhere.pem");
        SettingsService settings = new SettingsService(new SettingsStore(home.resolve("config-key-ahead")));
        SameThreadRunner tasks = new SameThreadRunner();
        ShellOpener sessions = new ShellOpener(new ConnectTasks(cloud.connectContext(), tasks, settings));
        var world = cloud.sandboxCloud().world();
        try {
            long before = world.calls("DescribeKeyPairs");
            sessions.prepare(web);
            assertThat(world.calls("DescribeKeyPairs")).as("nothing before the row settles").isEqualTo(before);
            tasks.runDue();
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> world.calls("DescribeKeyPairs") == before + 1);
            open(sessions, web, new Answers(() -> Optional.of(key)));
            assertThat(world.calls("DescribeKeyPairs")).as("asked once, ahead").isEqualTo(before + 1);
        } finally {
            sessions.close();
            settings.close();
        }
    }

    /**
     * The second press of a double-click starts the connection (TCP, key exchange, host key from
     * known_hosts) and the double-click's login uses it: one connection in all.
     */
    @Test
    void theDoubleClicksPressStartsTheConnectionItsLoginUses() throws Exception {
        Instance web = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances().stream().filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
        Path key = Files.exists(cloud.sandboxCloud().keyFile()) ? cloud.sandboxCloud().keyFile()
                : home.resolve("elsewhere.pem");
        SettingsService settings = new SettingsService(new SettingsStore(home.resolve("config-early")));
        ShellOpener sessions = new ShellOpener(new ConnectTasks(cloud.connectContext(), new SameThreadRunner(), settings));
        try {
            open(sessions, web, new Answers(() -> Optional.of(key))); // known_hosts learns its key
            SessionEvents seen = new SessionEvents();
            sessions.connector().listen(seen);

            sessions.connectEarly(web);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.keysAgreed.get() == 1);
            open(sessions, web, new Answers(() -> Optional.of(key)));
            assertThat(seen.created).as("the login used the connection started ahead").hasValue(1);
        } finally {
            sessions.close();
            settings.close();
        }
    }

    private static void open(ShellOpener sessions, Instance instance, ConnectQuestions questions) {
        open(sessions, instance, questions, "ec2-user");
    }

    private static void open(ShellOpener sessions, Instance instance, ConnectQuestions questions, String user) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicReference<ShellOpener.Opened> opened = new AtomicReference<>();
        sessions.open(instance, false, questions, 80, 24, opened::set, failed::set);
        assertThat(failed.get()).isNull();
        assertThat(opened.get()).isNotNull();
        assertThat(opened.get().plan().target().user()).isEqualTo(user);
        opened.get().shell().close();
    }

    /** Answers the key-file question with {@code keyFile}, and nothing else. */
    private record Answers(Supplier<Optional<Path>> keyFile) implements ConnectQuestions {
        @Override
        public Optional<String> loginUser(Instance instance) {
            return NONE.loginUser(instance);
        }

        @Override
        public Optional<Path> keyFile(Instance instance, String why) {
            return keyFile.get();
        }

        @Override
        public char[] passphrase(Path file, int attempt) {
            return NONE.passphrase(file, attempt);
        }

        @Override
        public boolean trustUnknownKey(String host, int port, String keyType, String fingerprint) {
            return NONE.trustUnknownKey(host, port, keyType, fingerprint);
        }
    }
}
