package dev.gangway.windowspassword;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.SandboxPasswords;
import dev.gangway.settings.SettingsService;
import dev.gangway.settings.SettingsStore;
import dev.gangway.testsupport.SameThreadRunner;

/** The password dialog's behaviour against the sandbox, without a stage: fetch, wait and retry, forget. */
class PasswordViewModelTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;
    static List<Instance> instances;

    final SameThreadRunner tasks = new SameThreadRunner();
    final List<PasswordViewModel.State> states = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")).withSshServers(false));
        instances = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    PasswordViewModel model(String name) {
        Instance instance = instances.stream().filter(i -> name.equals(i.name())).findFirst().orElseThrow();
        PasswordFetcher fetcher = new PasswordFetcher(new ConnectTasks(cloud.connectContext(), tasks,
                new SettingsService(new SettingsStore(home.resolve("config")))), Clock.systemUTC());
        return new PasswordViewModel(instance, fetcher, ConnectQuestions.NONE, tasks, Duration.ofSeconds(2), states::add);
    }

    @Test
    void thePasswordIsDecryptedHereAndForgottenWhenTheDialogCloses() throws Exception {
        PasswordViewModel model = model("win-app");
        model.start();
        assertThat(states).hasSize(2);
        assertThat(states.get(0)).isInstanceOf(PasswordViewModel.Fetching.class);
        assertThat(states.get(1)).isEqualTo(new PasswordViewModel.Ready("Administrator",
                "Decrypted here with gangway-sandbox.pem; not stored anywhere."));
        char[] secret = model.secret();
        assertThat(new String(secret)).isEqualTo(SandboxPasswords.setFor(home.resolve("sandbox"), "win-app"));

        model.close();
        assertThat(model.secret()).isNull();
        assertThat(secret).containsOnly('\0');
    }

    @Test
    void aPasswordNotReadyYetIsAskedForAgainUntilTheDialogCloses() {
        PasswordViewModel model = model("win-paris");
        model.start();
        assertThat(model.state()).isInstanceOf(PasswordViewModel.Waiting.class);
        assertThat(model.state().status()).contains("not available yet").contains("asks again every 2 s");
        assertThat(tasks.waiting()).isEqualTo(1);

        assertThat(tasks.runDue()).isEqualTo(1);
        assertThat(states).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("Fetching", "Waiting", "Fetching", "Waiting");

        model.close();
        assertThat(tasks.waiting()).isZero();
    }

    @Test
    void aFailureThatWaitingWouldNotMendIsSaidOnceWithoutRetrying() {
        PasswordViewModel model = model("web-1");
        model.start();
        assertThat(model.state()).isInstanceOf(PasswordViewModel.Failed.class);
        assertThat(model.state().status()).contains("not a Windows instance");
        assertThat(tasks.waiting()).isZero();
    }
}
