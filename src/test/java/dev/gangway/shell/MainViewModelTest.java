package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.CloudConnection;
import dev.gangway.instance.AccessSummary;
import dev.gangway.instance.PortExposure;
import dev.gangway.inventory.ui.InstanceRow;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.SettingsStore;
import dev.gangway.ssh.PreparedKeys;
import dev.gangway.testsupport.RecordingNotifier;
import dev.gangway.testsupport.SameThreadRunner;

/** The window's state without a window: a same-thread task runner and the sandbox. */
public class MainViewModelTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;

    final RecordingNotifier notifier = new RecordingNotifier();

    @BeforeAll
    static void start() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")).withSshServers(false));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void profileAndRegionChoicesAreRememberedForTheNextRun() {
        Path config = home.resolve("remember");
        try (SettingsStore store = new SettingsStore(config)) {
            MainViewModel first = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            first.start();
            assertThat(first.availableRegions()).containsExactly("ap-southeast-2", "eu-west-3", "us-east-1");
            first.selectRegions(List.of("eu-west-3"), false);
            first.refresh();
            assertThat(first.allRows()).extracting(r -> r.instance().region()).containsOnly("eu-west-3");
        }
        try (SettingsStore store = new SettingsStore(config)) {
            MainViewModel second = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            assertThat(second.selectedProfiles()).containsExactly("sandbox");
            assertThat(second.selectedRegions()).containsExactly("eu-west-3");
            assertThat(second.allRegionsProperty().get()).isFalse();
        }
        assertThat(notifier.messages()).isEmpty();
    }

    /** Settings that cannot be read are kept aside, defaults loaded, and the window says where they went. */
    @Test
    void unreadableSettingsAreKeptAsideAndTheUserIsTold() throws Exception {
        Path config = java.nio.file.Files.createDirectories(home.resolve("garbled"));
        java.nio.file.Files.writeString(config.resolve("settings.json"), "\u0000{{ not json");
        try (SettingsStore store = new SettingsStore(config)) {
            SameThreadRunner tasks = new SameThreadRunner();
            MainViewModel model = new MainViewModel(cloud, store, tasks, notifier);
            model.start();
            // Said a moment later, once the window is on screen.
            tasks.runDue();
            assertThat(notifier.messages()).anyMatch(m -> m.contains("Your settings could not be read")
                    && m.contains(".bak") && m.contains("started with its defaults"));
        }
    }

    /** A selected row is often double-clicked next: its SSH key exchange's slow key is made by then. */
    @Test
    void selectingARunningLinuxInstancePreparesItsConnection() {
        try (SettingsStore store = new SettingsStore(home.resolve("prepare"))) {
            MainViewModel model = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            model.start();
            PreparedKeys.discard();
            model.selectedProperty().set(row(model, "win-app").instance());
            assertThat(PreparedKeys.prepared()).as("Windows: Remote Desktop, no SSH").isFalse();
            model.selectedProperty().set(row(model, "rhel-batch").instance());
            assertThat(PreparedKeys.prepared()).as("stopped").isFalse();
            model.selectedProperty().set(row(model, "web-1").instance());
            assertThat(PreparedKeys.prepared()).isTrue();
        }
    }

    @Test
    void theTableFollowsTheRegionChoiceAndNoRegionListsNothing() {
        try (SettingsStore store = new SettingsStore(home.resolve("follow"))) {
            MainViewModel model = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            model.start();
            assertThat(model.summaryProperty().get()).isEqualTo("15 instances in 3 regions");
            int listings = model.refreshesCompletedProperty().get();

            // The same choice again (a selector opened and closed): nothing is listed again.
            model.refreshIfSelectionChanged();
            assertThat(model.refreshesCompletedProperty().get()).isEqualTo(listings);

            model.selectRegions(List.of("eu-west-3", "ap-southeast-2"), false);
            model.refreshIfSelectionChanged();
            assertThat(model.refreshesCompletedProperty().get()).isEqualTo(listings + 1);
            assertThat(model.allRows()).extracting(r -> r.instance().region())
                    .containsOnly("eu-west-3", "ap-southeast-2");
            assertThat(model.summaryProperty().get()).endsWith("in 2 regions");

            // Every region unticked with "All enabled" off: the table does not keep showing rows
            // the selectors no longer stand for, and the summary says what to do.
            model.selectRegions(List.of(), false);
            model.refreshIfSelectionChanged();
            assertThat(model.allRows()).isEmpty();
            assertThat(model.summaryProperty().get())
                    .isEqualTo("Select a region to list its instances, or tick All enabled.");

            model.selectRegions(List.of(), true);
            model.refreshIfSelectionChanged();
            assertThat(model.allRows()).hasSize(15);
            assertThat(model.summaryProperty().get()).isEqualTo("15 instances in 3 regions");
        }
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void settingsWithNoRegionAndAllOffStillListEveryRegion() {
        // Saved by earlier versions, where that choice listed every enabled region: it still does.
        Path config = home.resolve("no-region");
        try (SettingsStore store = new SettingsStore(config)) {
            new MainViewModel(cloud, store, new SameThreadRunner(), notifier).selectRegions(List.of(), false);
        }
        try (SettingsStore store = new SettingsStore(config)) {
            MainViewModel model = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            assertThat(model.allRegionsProperty().get()).isTrue();
            model.start();
            assertThat(model.allRows()).hasSize(15);
        }
    }

    @Test
    void selectionDrivesTheExposureSentenceAndFilteringKeepsOrder() {
        try (SettingsStore store = new SettingsStore(home.resolve("other"))) {
            MainViewModel model = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            model.start();
            assertThat(model.myIpProperty().get()).isEqualTo("127.0.0.1");
            model.sortBy(Comparator.comparing((InstanceRow r) -> r.instance().name()).reversed());
            model.filterTextProperty().set("production");
            assertThat(model.visibleRows()).extracting(r -> r.instance().name())
                    .containsExactly("win-paris", "win-app", "web-1", "sydney-web", "db-debian");
            model.selectedProperty().set(model.visibleRows().get(1).instance());
            AccessSummary access = model.accessProperty().get();
            assertThat(access.exposure().verdict()).isEqualTo(PortExposure.Verdict.NOT_OPEN_TO_YOU);
            assertThat(access.sentence()).isEqualTo("Port 3389 is not open to 127.0.0.1; it is open only to "
                    + "203.0.113.0/24. Its SSM agent is online: Remote Desktop goes through Session Manager, which "
                    + "needs no open port.");
            assertThat(access.level()).isEqualTo(AccessSummary.Level.OPEN);
            assertThat(model.summaryProperty().get()).isEqualTo("5 of 15 instances in 3 regions");
        }
    }

    @Test
    void anInstanceHiddenByTheFilterIsDeselectedAndSelectedAgainWhenItShows() {
        try (SettingsStore store = new SettingsStore(home.resolve("hidden"))) {
            MainViewModel model = new MainViewModel(cloud, store, new SameThreadRunner(), notifier);
            model.start();
            model.selectedProperty().set(row(model, "web-1").instance());

            model.filterTextProperty().set("win");
            assertThat(model.selectedProperty().get()).isNull();
            assertThat(model.hiddenChoiceProperty().get().name()).isEqualTo("web-1");
            model.filterTextProperty().set("wi");
            assertThat(model.selectedProperty().get()).isNull();
            model.refresh();
            assertThat(model.selectedProperty().get()).isNull();

            model.filterTextProperty().set("");
            assertThat(model.selectedProperty().get().name()).isEqualTo("web-1");
            assertThat(model.hiddenChoiceProperty().get()).isNull();

            // A new choice replaces the hidden one.
            model.filterTextProperty().set("win");
            model.selectedProperty().set(row(model, "win-app").instance());
            model.filterTextProperty().set("");
            assertThat(model.selectedProperty().get().name()).isEqualTo("win-app");
        }
    }

    /** Refresh says when it listed, and that it listed again even when the rows look the same (issue 26). */
    @Test
    void aRefreshSaysWhenItListedAndThatItDid() {
        try (SettingsStore store = new SettingsStore(home.resolve("listed"))) {
            SameThreadRunner tasks = new SameThreadRunner();
            MainViewModel model = new MainViewModel(cloud, store, tasks, notifier);
            model.start();
            assertThat(model.notes().listedAtProperty().get()).matches("Listed \\d\\d:\\d\\d");
            assertThat(model.notes().noteProperty().get()).as("the first listing is the table itself").isEmpty();
            model.refresh();
            assertThat(model.notes().noteProperty().get()).isEqualTo("Listed again: 15 instances in 3 regions");
            tasks.runDue();
            assertThat(model.notes().noteProperty().get()).isEmpty();
        }
    }

    private static InstanceRow row(MainViewModel model, String name) {
        return model.visibleRows().stream().filter(r -> r.instance().name().equals(name)).findFirst().orElseThrow();
    }
}
