package dev.gangway.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;

import dev.gangway.doctor.Way;
import dev.gangway.forward.ui.ForwardDialog;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.lifecycle.Lifecycle;
import dev.gangway.settings.Settings;

/**
 * The registry of instance actions: the table's context menu, the Edit menu, Enter and
 * double-click are all built from it, so a new way in is one more action here.
 */
final class InstanceActions {

    private final List<InstanceAction> actions;
    private final LifecycleGate gate;
    /** Instances whose double-click opens Session Manager (see {@code Reachability.shellRoute}). */
    private final Predicate<Instance> sessionManagerFirst;
    /**
     * The window's handlers, for what the registry asks of them beyond the actions (saved tunnels,
     * the doctor's best way in, early connections); none for a registry built without them.
     */
    private Handlers handlers;
    static final String SSM_ITEM = "ssm-item";
    static final String SSH_ITEM = "ssh-item";

    /** What the window's actions call. */
    interface Handlers {
        /**
         * The mouse is down for a double-click whose action is an SSH terminal: its connection may
         * start now (TCP and the key exchange, nothing asked).
         */
        default void connectEarly(Instance instance) {
        }

        /** A terminal tab, once the instance is running; with {@code instanceConnect}, a key pushed by EC2 Instance Connect. */
        void openSsh(Instance instance, boolean instanceConnect);

        /** A terminal tab over Session Manager, once the instance is running. */
        void openSsm(Instance instance);

        /** SSH's terminal carried over Session Manager: the SSH login, host-key check and key, with no open port. */
        void openSshOverSessionManager(Instance instance);

        /** SSH's terminal carried through the Instance Connect Endpoint in the instance's VPC, to its private address. */
        void openSshThroughEndpoint(Instance instance);

        /**
         * "Forward a port…": a port of the instance (or of a host it reaches) on a local port, over
         * Session Manager or through an Instance Connect Endpoint.
         */
        void forwardPort(Instance instance);

        /** The tunnels saved for the instance, reopened from its menu in one click. */
        default List<Settings.TunnelPreset> tunnelPresets(Instance instance) {
            return List.of();
        }

        /** Opens a saved tunnel again. */
        default void openTunnel(Instance instance, Settings.TunnelPreset preset) {
        }

        /** Forgets the tunnels saved for the instance. */
        default void forgetTunnels(Instance instance) {
        }

        /** Whether double-click and Enter open Session Manager rather than SSH for this Linux instance. */
        boolean prefersSessionManager(Instance instance);

        void remoteDesktop(Instance instance);

        /** Remote Desktop through a Session Manager forward of the RDP port, closed when the client exits. */
        void remoteDesktopOverSessionManager(Instance instance);

        /** Remote Desktop through the Instance Connect Endpoint in the instance's VPC, closed when the client exits. */
        void remoteDesktopThroughEndpoint(Instance instance);

        void showPassword(Instance instance);

        void editLogin(Instance instance);

        /** The connection doctor's panel for the instance: every way in, checked at once. */
        default void openDoctor(Instance instance) {
        }

        /** Starts, stops or reboots the instance, asking first. */
        default void lifecycle(Instance instance, Lifecycle what) {
        }

        /** Opens the instance's page in the AWS console, where there is one (not in the sandbox). */
        default void openConsole(Instance instance) {
        }

        /** Whether the instance has a page in the AWS console (not in the sandbox). */
        default boolean hasConsole(Instance instance) {
            return false;
        }

        /** The OpenSSH command line that reaches the instance as Gangway would; null when there is none. */
        default String sshCommand(Instance instance) {
            return null;
        }

        /** {@code value}, {@code what} of an instance ("instance ID"), went to the clipboard: say so. */
        default void copied(String what, String value) {
        }

        /** The action Enter and double-click take for the instance, when the doctor found its best way in. */
        default Optional<String> preferredAction(Instance instance) {
            return Optional.empty();
        }
    }

    /**
     * Every way to act on an instance, in menu order. Enter and double-click run the default: a
     * terminal for Linux, Remote Desktop for Windows.
     */
    static InstanceActions standard(Handlers h, LifecycleGate gate) {
        return new InstanceActions(List.of(
                InstanceAction.connect(SSH_ITEM, "Open SSH terminal", InstanceActions::isEc2Linux, true,
                        i -> h.openSsh(i, false)),
                InstanceAction.connect("instance-connect-item", "Connect with EC2 Instance Connect",
                        InstanceActions::isEc2Linux, false, i -> h.openSsh(i, true)),
                InstanceAction.connect("remote-desktop-item", "Remote Desktop", InstanceActions::isWindows, true,
                        h::remoteDesktop),
                new InstanceAction("rdp-over-ssm-item", i -> "Remote Desktop over Session Manager", null,
                        InstanceAction.Group.CONNECT, i -> isWindows(i) && i.sessionManagerOnline(), false,
                        h::remoteDesktopOverSessionManager),
                new InstanceAction("rdp-over-eice-item", i -> "Remote Desktop via Instance Connect Endpoint", null,
                        InstanceAction.Group.CONNECT, i -> isWindows(i) && ForwardDialog.endpointCan(i), false,
                        h::remoteDesktopThroughEndpoint),
                InstanceAction.connect("windows-password-item", "Get Windows password…", InstanceActions::isWindows,
                        false, h::showPassword),
                // Windows nodes with an agent online get PowerShell over Session Manager.
                new InstanceAction(SSM_ITEM, i -> isWindows(i) ? "Open Session Manager shell (PowerShell)"
                        : "Open Session Manager shell", null, InstanceAction.Group.CONNECT,
                        i -> isLinux(i) || i.sessionManagerOnline(), false, h::openSsm),
                new InstanceAction("ssh-over-ssm-item", i -> "SSH over Session Manager", null,
                        InstanceAction.Group.CONNECT, i -> isLinux(i) && i.sessionManagerOnline(), false,
                        h::openSshOverSessionManager),
                new InstanceAction("ssh-over-eice-item", i -> "SSH via Instance Connect Endpoint", null,
                        InstanceAction.Group.CONNECT, i -> isEc2Linux(i) && ForwardDialog.endpointCan(i), false,
                        h::openSshThroughEndpoint),
                new InstanceAction("forward-item", i -> "Forward a port…", null, InstanceAction.Group.CONNECT,
                        i -> ForwardDialog.sessionManagerCan(i) || ForwardDialog.endpointCan(i), false,
                        h::forwardPort),
                new InstanceAction("doctor-item", i -> "Connection doctor…", null, InstanceAction.Group.CONNECT,
                        i -> true, false, h::openDoctor),
                new InstanceAction("login-settings-item", i -> "Login settings…",
                        null, InstanceAction.Group.CONNECT, i -> !i.isManagedNode(), false, h::editLogin),
                copy("Copy instance ID", Instance::id, MainMenu.COPY_ID, h),
                copy("Copy public IP", Instance::publicIp, null, h),
                copy("Copy public DNS", Instance::publicDns, null, h),
                copy("Copy private IP", Instance::privateIp, null, h),
                copy("Copy ssh command", i -> isWindows(i) ? null : h.sshCommand(i), null, h),
                lifecycle(Lifecycle.START, h), lifecycle(Lifecycle.STOP, h), lifecycle(Lifecycle.REBOOT, h),
                new InstanceAction("console-item", i -> "Open in AWS console", null, InstanceAction.Group.LIFECYCLE,
                        h::hasConsole, false, h::openConsole)), gate,
                i -> isLinux(i) && h.prefersSessionManager(i)).withHandlers(h);
    }

    /** Not terminated, nor being terminated. */
    static boolean notGone(Instance i) {
        return i.state() != InstanceState.TERMINATED && i.state() != InstanceState.SHUTTING_DOWN;
    }

    private static InstanceAction lifecycle(Lifecycle what, Handlers h) {
        return new InstanceAction(what.name().toLowerCase(Locale.ROOT) + "-item", i -> what.verb() + "…", null,
                InstanceAction.Group.LIFECYCLE, what::appliesTo, false, i -> h.lifecycle(i, what));
    }

    /** The menu item that goes into {@code instance} the way the doctor names. */
    static String actionFor(Instance instance, Way way) {
        boolean windows = isWindows(instance);
        return switch (way) {
            case DIRECT -> windows ? "remote-desktop-item" : "ssh-item";
            case INSTANCE_CONNECT -> "instance-connect-item";
            case ENDPOINT -> windows ? "rdp-over-eice-item" : "ssh-over-eice-item";
            case SESSION_MANAGER -> windows ? "rdp-over-ssm-item" : SSM_ITEM;
            default -> windows ? "remote-desktop-item" : "ssh-item";
        };
    }

    /** Runs the action with {@code id} on {@code instance}, if it applies to it. */
    void run(String id, Instance instance) {
        actions.stream().filter(a -> id.equals(a.id()) && a.appliesTo().test(instance)).findFirst()
                .ifPresent(a -> a.run().accept(instance));
    }

    private static boolean isWindows(Instance i) {
        return i.platform() == GuestOs.WINDOWS;
    }

    private static boolean isLinux(Instance i) {
        return !isWindows(i);
    }

    /** A Linux instance in EC2 (a managed node outside it has no address or key pair: Session Manager only). */
    private static boolean isEc2Linux(Instance i) {
        return isLinux(i) && !i.isManagedNode();
    }

    InstanceActions(List<InstanceAction> actions, LifecycleGate gate) {
        this(actions, gate, i -> false);
    }

    InstanceActions(List<InstanceAction> actions, LifecycleGate gate, Predicate<Instance> sessionManagerFirst) {
        // A terminated instance never runs again: no way in is offered for it (issue 26).
        this.actions = actions.stream().map(a -> a.group() != InstanceAction.Group.CONNECT ? a
                : new InstanceAction(a.id(), a.label(), a.shortcut(), a.group(),
                        a.appliesTo().and(InstanceActions::notGone), a.isDefault(), a.run())).toList();
        this.gate = gate;
        this.sessionManagerFirst = sessionManagerFirst;
    }

    private InstanceActions withHandlers(Handlers handlers) {
        this.handlers = handlers;
        return this;
    }

    /** The saved tunnels of {@code instance} that can be opened now (its agent is online). */
    List<Settings.TunnelPreset> savedTunnels(Instance instance) {
        return handlers == null || !instance.sessionManagerOnline() ? List.of() : handlers.tunnelPresets(instance);
    }

    List<InstanceAction> all() {
        return actions;
    }

    /** What Enter and double-click do for {@code instance}. */
    Optional<InstanceAction> defaultFor(Instance instance) {
        Optional<String> preferred = handlers == null ? Optional.empty() : handlers.preferredAction(instance);
        if (preferred.isPresent()) {
            Optional<InstanceAction> chosen = actions.stream()
                    .filter(a -> preferred.get().equals(a.id()) && a.appliesTo().test(instance)).findFirst();
            if (chosen.isPresent()) {
                return chosen;
            }
        }
        if (sessionManagerFirst.test(instance)) {
            Optional<InstanceAction> ssm = actions.stream()
                    .filter(a -> SSM_ITEM.equals(a.id()) && a.appliesTo().test(instance)).findFirst();
            if (ssm.isPresent()) {
                return ssm;
            }
        }
        return actions.stream().filter(a -> a.isDefault() && a.appliesTo().test(instance)).findFirst();
    }

    /**
     * The second press of a double-click, before its release runs the default: an SSH terminal's
     * connection starts now. Nothing for a row that is not running or whose default is another way.
     */
    void pressedForDefault(Instance instance) {
        if (handlers != null && instance.state() == InstanceState.RUNNING
                && defaultFor(instance).filter(a -> SSH_ITEM.equals(a.id())).isPresent()) {
            handlers.connectEarly(instance);
        }
    }

    /** Enter and double-click: the instance's default action, once it is running (or the user was told why not). */
    void runDefault(Instance instance) {
        if (gate.admits(instance)) {
            defaultFor(instance).ifPresent(a -> a.run().accept(instance));
        }
    }

    /** A copy action: {@code value} of the instance on the clipboard; offered when the instance has one. */
    static InstanceAction copy(String label, Function<Instance, String> value, KeyCombination key, Handlers h) {
        return new InstanceAction(null, i -> label, key, InstanceAction.Group.COPY, i -> value.apply(i) != null, false,
                i -> {
                    String text = value.apply(i);
                    ClipboardContent content = new ClipboardContent();
                    content.putString(text);
                    Clipboard.getSystemClipboard().setContent(content);
                    h.copied(label.substring("Copy ".length()), text);
                });
    }

    /**
     * The table's context menu: the ways in that fit the selected instance, then the copy actions,
     * then {@code tail}.
     */
    ContextMenu contextMenu(Supplier<Optional<Instance>> selected, ObservableObjectValue<Instance> current,
            MenuItem... tail) {
        ContextMenu menu = new ContextMenu();
        List<MenuItem> connect = new ArrayList<>();
        List<InstanceAction> connectActions = new ArrayList<>();
        for (InstanceAction a : actions) {
            if (a.group() == InstanceAction.Group.CONNECT) {
                MenuItem item = new MenuItem();
                item.setId(a.id());
                item.setOnAction(e -> selected.get().ifPresent(a.run()));
                connect.add(item);
                connectActions.add(a);
            }
        }
        menu.getItems().addAll(connect);
        // The instance's saved tunnels, each reopened in one click, right after "Forward a port…".
        Menu tunnels = new Menu("Saved tunnels");
        tunnels.setId("saved-tunnels-menu");
        int forward = connectActions.stream().map(InstanceAction::id).toList().indexOf("forward-item");
        menu.getItems().add(forward < 0 ? connect.size() : forward + 1, tunnels);
        menu.getItems().add(new SeparatorMenuItem());
        menu.getItems().addAll(copyItems(current, false));
        // Start, stop, reboot and the console page, each shown where it applies.
        List<MenuItem> lifecycle = new ArrayList<>();
        List<InstanceAction> lifecycleActions = new ArrayList<>();
        for (InstanceAction a : actions) {
            if (a.group() == InstanceAction.Group.LIFECYCLE) {
                MenuItem item = new MenuItem(a.label().apply(null));
                item.setId(a.id());
                item.setOnAction(e -> selected.get().ifPresent(a.run()));
                lifecycle.add(item);
                lifecycleActions.add(a);
            }
        }
        if (!lifecycle.isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(lifecycle);
        }
        if (tail.length > 0) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(tail);
        }
        // Each platform's own ways in: SSH for Linux, Remote Desktop and the password for Windows.
        menu.setOnShowing(e -> {
            Optional<Instance> instance = selected.get();
            showSavedTunnels(tunnels, instance);
            for (int i = 0; i < connect.size(); i++) {
                InstanceAction a = connectActions.get(i);
                MenuItem item = connect.get(i);
                item.setVisible(instance.map(a.appliesTo()::test).orElse(false));
                instance.ifPresent(x -> item.setText(a.label().apply(x)));
            }
            for (int i = 0; i < lifecycle.size(); i++) {
                lifecycle.get(i).setVisible(instance.map(lifecycleActions.get(i).appliesTo()::test).orElse(false));
            }
        });
        return menu;
    }

    /**
     * The saved tunnels of the selected instance in {@code menu} (hidden when there are none); the
     * items stay as they are while the list does, so the nodes showing them stay too.
     */
    private void showSavedTunnels(Menu menu, Optional<Instance> instance) {
        List<Settings.TunnelPreset> presets = instance.map(this::savedTunnels).orElse(List.of());
        menu.setVisible(!presets.isEmpty());
        List<Object> shown = List.of(instance, presets);
        if (shown.equals(menu.getUserData())) {
            return;
        }
        menu.setUserData(shown);
        menu.getItems().clear();
        for (int i = 0; i < presets.size(); i++) {
            Settings.TunnelPreset p = presets.get(i);
            MenuItem item = new MenuItem(p.label());
            item.setId("saved-tunnel-" + i);
            item.setOnAction(x -> instance.ifPresent(inst -> handlers.openTunnel(inst, p)));
            menu.getItems().add(item);
        }
        if (!presets.isEmpty()) {
            MenuItem forget = new MenuItem("Forget saved tunnels");
            forget.setId("forget-saved-tunnels");
            forget.setOnAction(x -> instance.ifPresent(handlers::forgetTunnels));
            menu.getItems().addAll(new SeparatorMenuItem(), forget);
        }
    }

    /** Start, stop, reboot and the console page as menu items (the menu bar's Instance menu), enabled where they apply. */
    MenuItem[] lifecycleItems(ObservableObjectValue<Instance> current) {
        List<MenuItem> items = new ArrayList<>();
        for (InstanceAction a : actions) {
            if (a.group() != InstanceAction.Group.LIFECYCLE) {
                continue;
            }
            MenuItem item = new MenuItem(a.label().apply(null));
            item.setId("menu-" + a.id());
            item.setOnAction(e -> {
                Instance i = current.get();
                if (i != null && a.appliesTo().test(i)) {
                    a.run().accept(i);
                }
            });
            item.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> current.get() == null || !a.appliesTo().test(current.get()), current));
            items.add(item);
        }
        return items.toArray(MenuItem[]::new);
    }

    /** The copy actions as menu items, enabled while the current instance has the value. */
    MenuItem[] copyItems(ObservableObjectValue<Instance> current, boolean withShortcuts) {
        List<MenuItem> items = new ArrayList<>();
        for (InstanceAction a : actions) {
            if (a.group() != InstanceAction.Group.COPY) {
                continue;
            }
            MenuItem item = new MenuItem(a.label().apply(null));
            if (withShortcuts && a.shortcut() != null) {
                item.setAccelerator(a.shortcut());
            }
            item.setOnAction(e -> {
                Instance i = current.get();
                if (i != null && a.appliesTo().test(i)) {
                    a.run().accept(i);
                }
            });
            item.disableProperty().bind(Bindings.createBooleanBinding(() -> {
                Instance i = current.get();
                return i == null || !a.appliesTo().test(i);
            }, current));
            items.add(item);
        }
        return items.toArray(MenuItem[]::new);
    }
}
