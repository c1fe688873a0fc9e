package dev.gangway.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.gangway.aws.CloudException;
import dev.gangway.boot.CloudConnection;
import dev.gangway.common.HostOs;
import dev.gangway.common.Notifier;
import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.connect.Reachability;
import dev.gangway.instance.Instance;
import dev.gangway.instance.AccessSummary;
import dev.gangway.instance.PortExposure;
import dev.gangway.inventory.FetchFailure;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.inventory.InventoryResult;
import dev.gangway.inventory.ui.InstanceDetailView;
import dev.gangway.inventory.ui.InstanceRow;
import dev.gangway.inventory.ui.InstanceRows;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.RdpRunner;
import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsService;
import dev.gangway.settings.SettingsStore;

/** State and actions of the main window, testable without a stage. */
public final class MainViewModel implements InstanceDetailView.Source {

    private final CloudConnection cloud;
    private final SettingsService settings;
    private final TaskRunner tasks;
    private final Notifier notifier;

    private final InstanceRows rows = new InstanceRows();

    private final ObservableList<String> availableProfiles = FXCollections.observableArrayList();
    private final ObservableList<String> selectedProfiles = FXCollections.observableArrayList();
    private final ObservableList<String> availableRegions = FXCollections.observableArrayList();
    private final ObservableList<String> selectedRegions = FXCollections.observableArrayList();
    private final BooleanProperty allRegions = new SimpleBooleanProperty(true);

    private final BooleanProperty refreshing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");

    private final ObjectProperty<Instance> selected = rows.selectedProperty();
    private final ObjectProperty<String> myIp = new SimpleObjectProperty<>();
    private final ObjectBinding<AccessSummary> access;
    private final StatusNotes notes;
    private final ListingSummary listing;
    private final WindowAppearance appearance;
    private final ReadOnlyIntegerWrapper refreshesCompleted =
            new ReadOnlyIntegerWrapper();

    /** Profile × region pairs among the rows; computed once per refresh, not per keystroke. */
    private TaskRunner.Handle running;
    private int refreshGeneration;
    /** The profiles and regions the last refresh listed, and whether "All enabled" was on (null before the first). */
    private List<Object> listed;

    private final WindowConnections connections;
    private final WindowOperations operations;

    public MainViewModel(CloudConnection cloud, SettingsStore store, TaskRunner tasks, Notifier notifier) {
        this(cloud, store, tasks, notifier, HostOs.current(), RdpLaunchers.Probe.system());
    }

    /** As above, with the OS and installed programs Remote Desktop clients are chosen from (tests set them). */
    public MainViewModel(CloudConnection cloud, SettingsStore store, TaskRunner tasks, Notifier notifier,
            HostOs os, RdpLaunchers.Probe probe) {
        this.settings = new SettingsService(store);
        store.whenNotSaved(why -> tasks.onUi(() -> notifier.error("Your settings could not be saved",
                why + " The file keeps what it held before; Gangway keeps your changes and saves them once it can.")));
        this.connections = WindowConnections.over(new ConnectTasks(cloud.connectContext(), tasks, settings), os,
                probe);
        this.cloud = cloud;
        this.tasks = tasks;
        this.notes = new StatusNotes(tasks);
        this.listing = new ListingSummary(rows, notifier);
        this.notifier = notifier;
        this.operations = new WindowOperations(cloud, tasks, notifier, os, probe, this::settings, myIp::get,
                this::shellRoute, this::refresh);
        Settings saved = settings.current();
        this.access = Bindings.createObjectBinding(
                () -> selected.get() == null ? null : AccessSummary.of(selected.get(), myIp.get()), selected, myIp);

        availableProfiles.setAll(cloud.access().profiles());
        List<String> remembered = saved.listing().profiles().stream().filter(availableProfiles::contains).toList();
        if (!remembered.isEmpty()) {
            selectedProfiles.setAll(remembered);
        } else if (cloud.access().defaultProfile() != null) {
            selectedProfiles.setAll(cloud.access().defaultProfile());
        }
        // Saved with "All enabled" off and no region ticked: earlier builds listed every region for that.
        allRegions.set(saved.listing().allRegions() || saved.listing().regions().isEmpty());
        selectedRegions.setAll(saved.listing().regions());
        this.appearance = new WindowAppearance(settings, saved.appearance());

        // A selected row is often double-clicked next: its connection's slow, side-effect-free parts start now.
        selected.addListener((obs, old, now) -> connections.shells().prepare(now));
    }

    /** Loads regions and the public IP, then lists instances; call once, before or after the window is built. */
    public void start() {
        tasks.run(() -> cloud.publicIp().publicIp(), ip -> myIp.set(ip.orElse(null)), e -> myIp.set(null));
        // Rules a run that did not end cleanly left behind go first.
        // Said once the window shows (start runs before it is built, and a notice needs its window on screen).
        settings.keptAside().ifPresent(aside -> tasks.later(Duration.ofSeconds(1), () -> notifier.info(
                "Your settings could not be read", "They are kept as " + aside + ", and Gangway started with its "
                + "defaults.")));
        operations.removeLeftoverRules();
        // And the .rdp folders a Gangway killed before it could remove them left behind (they hold no password).
        tasks.run(RdpRunner::removeLeftovers, removed -> { }, e -> { });
        loadRegions();
        refresh();
    }

    private void loadRegions() {
        Optional<String> profile = selectedProfiles.stream().findFirst();
        if (profile.isEmpty()) {
            return;
        }
        tasks.run(() -> cloud.inventory().enabledRegions(profile.get()), regions -> {
            List<String> keep = new ArrayList<>(selectedRegions);
            availableRegions.setAll(regions);
            selectedRegions.setAll(keep.stream().filter(regions::contains).toList());
        }, e -> {
            if (!(e instanceof CloudException)) {
                notifier.error("Could not list regions", String.valueOf(e.getMessage()));
            }
            // a CloudException is reported with the refresh that follows
        });
    }

    /** Lists the selected profiles × regions in the background; the window stays usable meanwhile. */
    public void refresh() {
        if (running != null) {
            running.cancel();
        }
        InventoryRequest request = selection();
        listed = List.of(request, allRegions.get());
        if (selectedProfiles.isEmpty() || request.regions().isEmpty() && !allRegions.get()) {
            // Nothing to list: the table shows what the selection says, so it is emptied too.
            running = null;
            refreshing.set(false);
            progressText.set("");
            rows.clear();
            listing.nothing(availableProfiles.isEmpty() ? "No AWS profiles found."
                    : selectedProfiles.isEmpty() ? "Select a profile to list its instances."
                    : "Select a region to list its instances, or tick All enabled.");
            return;
        }
        refreshing.set(true);
        progress.set(-1);
        progressText.set("Listing…");
        int[] plannedAndDone = new int[2];
        int generation = ++refreshGeneration;
        InventoryListener listener = new InventoryListener() {
            @Override
            public void planned(int total) {
                tasks.onUi(() -> {
                    plannedAndDone[0] = total;
                    showProgress(plannedAndDone, generation);
                });
            }

            @Override
            public void finished(String profile, String region, int count, FetchFailure failure) {
                tasks.onUi(() -> {
                    plannedAndDone[1]++;
                    showProgress(plannedAndDone, generation);
                });
            }
        };
        running = tasks.run(() -> cloud.inventory().fetch(request, listener), this::show, e -> {
            refreshing.set(false);
            progressText.set("");
            notifier.error("Refresh failed", String.valueOf(e.getMessage()));
        });
    }

    /**
     * Lists again when the profiles or regions chosen differ from what the last refresh listed (the
     * window calls this when a selector's popup closes or "All enabled" is toggled), so the table
     * always shows the selection without a refresh after every tick.
     */
    public void refreshIfSelectionChanged() {
        if (!List.of(selection(), allRegions.get()).equals(listed)) {
            refresh();
        }
    }

    /** The profiles × regions the selectors stand for; an empty region list with "All enabled" is every enabled region. */
    private InventoryRequest selection() {
        return new InventoryRequest(List.copyOf(selectedProfiles),
                allRegions.get() ? List.of() : List.copyOf(selectedRegions));
    }

    private void showProgress(int[] plannedAndDone, int generation) {
        // A cancelled refresh may still report for a moment; only the current one shows.
        if (generation == refreshGeneration && refreshing.get() && plannedAndDone[0] > 0) {
            progress.set(Math.min(1.0, (double) plannedAndDone[1] / plannedAndDone[0]));
            progressText.set("Listing… " + plannedAndDone[1] + " of " + plannedAndDone[0]
                    + (plannedAndDone[0] == 1 ? " region" : " regions"));
        }
    }

    public void cancelRefresh() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        refreshing.set(false);
        progressText.set("Cancelled");
    }

    private void show(InventoryResult result) {
        running = null;
        refreshing.set(false);
        progress.set(1);
        progressText.set("");
        rows.replace(result.instances());
        listing.listed(result);
        notes.listed();
        if (refreshesCompleted.get() > 0) {
            // Listed again: the rows may look the same, so say that it happened.
            notes.confirm("Listed again: " + listing.summaryProperty().get());
        }
        refreshesCompleted.set(refreshesCompleted.get() + 1);
    }

    /** Orders the rows (the table's sort); see {@link InstanceRows#sortBy}. */
    public void sortBy(Comparator<InstanceRow> comparator) {
        rows.sortBy(comparator);
    }

    // ---- selections, remembered -----------------------------------------------------------

    public void selectProfiles(List<String> profiles) {
        boolean firstChanged = !profiles.isEmpty() && (selectedProfiles.isEmpty()
                || !selectedProfiles.get(0).equals(profiles.get(0)));
        selectedProfiles.setAll(profiles);
        settings.update(s -> s.withProfiles(profiles));
        if (firstChanged) {
            loadRegions();
        }
    }

    public void selectRegions(List<String> regions, boolean all) {
        selectedRegions.setAll(regions);
        allRegions.set(all);
        settings.update(s -> s.withRegions(regions, all));
    }

    public void rememberWindow(Settings.WindowBounds bounds) {
        settings.update(s -> s.withWindow(bounds));
    }

    public Settings settings() {
        return settings.current();
    }

    /**
     * How double-click opens a terminal on {@code instance}: SSH when its port is open to this
     * machine's address and a key is at hand, else Session Manager when its agent is online.
     */
    public Reachability.ShellRoute shellRoute(Instance instance) {
        ConnectOptions options = cloud.connectContext().options(instance, settings());
        PortExposure.Verdict ssh = PortExposure.evaluate(instance.securityGroups(), instance.sshPort(), myIp.get())
                .verdict();
        return Reachability.shellRoute(instance, options, ssh, Reachability.keyKnown(instance, options));
    }

    /** The doctor, the fixes it offers and the instance operations of this window. */
    public WindowOperations operations() {
        return operations;
    }

    /** Saves how to log in to {@code instanceId} (all fields empty: back to working it out). */
    public void rememberLogin(String instanceId, Settings.InstanceLogin login) {
        settings.update(s -> s.withLogin(instanceId, login));
    }

    /** Saves {@code preset} in {@code instance}'s menu, to reopen in one click. */
    public void saveTunnel(Instance instance, Settings.TunnelPreset preset) {
        settings.update(s -> s.withTunnelPreset(instance.id(), preset));
    }

    /** Forgets the tunnels saved for {@code instance}. */
    public void forgetTunnels(Instance instance) {
        settings.update(s -> s.withTunnelPresets(instance.id(), List.of()));
    }

    /** The Remote Desktop client to start (null: the first one installed). */
    public void rememberRdpClient(String client) {
        settings.update(s -> s.withRdpClient(client));
    }

    // ---- properties -----------------------------------------------------------------------

    public ObservableList<InstanceRow> visibleRows() {
        return rows.visible();
    }

    public ObservableList<InstanceRow> allRows() {
        return rows.all();
    }

    public StringProperty filterTextProperty() {
        return rows.filterTextProperty();
    }

    public ObservableList<String> availableProfiles() {
        return availableProfiles;
    }

    public ObservableList<String> selectedProfiles() {
        return selectedProfiles;
    }

    public ObservableList<String> availableRegions() {
        return availableRegions;
    }

    public ObservableList<String> selectedRegions() {
        return selectedRegions;
    }

    public BooleanProperty allRegionsProperty() {
        return allRegions;
    }

    public BooleanProperty refreshingProperty() {
        return refreshing;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ObservableList<FetchFailure> failures() {
        return listing.failures();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return listing.summaryProperty();
    }

    public ObjectProperty<Instance> selectedProperty() {
        return selected;
    }

    /** What the window opens connections with: shells, forwards and tunnels, passwords, Remote Desktop. */
    public WindowConnections connections() {
        return connections;
    }

    /** The background work of the window (dialogs that fetch or wait use it too). */
    public TaskRunner tasks() {
        return tasks;
    }

    public Notifier notifier() {
        return notifier;
    }

    /** Closes what the window opened (SSH connections); the cloud connection belongs to the app. */
    public void close() {
        connections.close();
        settings.close();
    }

    /** The instance the user chose that the filter now hides (then nothing is selected), or null. */
    public ReadOnlyObjectProperty<Instance> hiddenChoiceProperty() {
        return rows.hiddenChoiceProperty();
    }

    /** Whether, and how, the selected instance can be reached now, as the detail pane says it. */
    public ObjectBinding<AccessSummary> accessProperty() {
        return access;
    }

    public ObjectProperty<String> myIpProperty() {
        return myIp;
    }

    /** How many refreshes have finished and been shown. */
    public ReadOnlyIntegerProperty refreshesCompletedProperty() {
        return refreshesCompleted.getReadOnlyProperty();
    }

    /** The status bar's confirmations and when the rows were listed. */
    public StatusNotes notes() {
        return notes;
    }

    /** The theme and the terminals' colours. */
    public WindowAppearance appearance() {
        return appearance;
    }

    public boolean isSandbox() {
        return cloud.isSandbox();
    }
}
