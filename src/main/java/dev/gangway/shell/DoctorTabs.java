package dev.gangway.shell;

import java.util.Map;
import java.util.function.BiConsumer;

import javafx.scene.Node;

import dev.gangway.allowip.TemporaryRule;
import dev.gangway.aws.CloudException;
import dev.gangway.common.Dialogs;
import dev.gangway.common.ErrorMessages;
import dev.gangway.doctor.Doctor;
import dev.gangway.doctor.Finding;
import dev.gangway.doctor.Way;
import dev.gangway.doctor.ui.DoctorPane;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;

/**
 * The window's connection doctor: a tab per instance examined, filled in as the checks finish; the
 * fixes its failed checks offer (Allow my IP, Start, Create an endpoint), each asked first, after
 * which the doctor looks again.
 */
final class DoctorTabs {

    private final MainViewModel model;
    private final Dialogs dialogs;
    private final LifecycleGate gate;
    private final BiConsumer<Instance, Way> connect;
    private final BiConsumer<Instance, Node> show;

    /**
     * @param connect goes into the instance the way given ("Connect that way")
     * @param show    puts an instance's doctor panel in its tab
     */
    DoctorTabs(MainViewModel model, Dialogs dialogs, LifecycleGate gate, BiConsumer<Instance, Way> connect,
            BiConsumer<Instance, Node> show) {
        this.model = model;
        this.dialogs = dialogs;
        this.gate = gate;
        this.connect = connect;
        this.show = show;
    }

    /**
     * The connection doctor's panel for {@code instance}: every way in checked at once, the panel
     * filling in as they finish; the best way found is what Enter and double-click take from then on.
     */
    void open(Instance instance) {
        Doctor doctor = model.operations().doctor(instance);
        DoctorPane pane = new DoctorPane(instance, doctor.checkCount(instance), way -> connect.accept(instance, way),
                Map.of("security-group", "Allow my IP…", "running", "Start it…", "endpoint", "Create an endpoint…"),
                f -> fix(instance, f));
        show.accept(instance, pane.node());
        doctor.examine(instance, f -> model.tasks().onUi(() -> pane.add(f))).whenComplete((report, error) -> {
            doctor.close();
            model.tasks().onUi(() -> {
                if (report != null) {
                    pane.done(report);
                    model.operations().rememberBestWay(instance, report.best());
                } else {
                    model.notifier().error("The doctor could not finish for " + instance.displayName(),
                            ErrorMessages.message(error));
                }
            });
        });
    }

    /** Fixes what the doctor found, asking first; then the doctor looks again. */
    private void fix(Instance instance, Finding finding) {
        switch (finding.check()) {
            case "security-group" -> {
                TemporaryRule rule;
                try {
                    rule = model.operations().planAllowMyIp(instance);
                } catch (CloudException e) {
                    model.notifier().error("Cannot allow your IP", e.getMessage());
                    return;
                }
                int choice = dialogs.choose("allow-my-ip", "Allow your IP", "Add an inbound rule to " + rule.groupId()
                        + (rule.groupName() == null ? "" : " (" + rule.groupName() + ")") + " of "
                        + instance.displayName() + "?", "TCP " + rule.port() + " from " + rule.cidr() + " only, "
                        + "described \"" + rule.description() + "\".\n\nAdd for my sessions: removed when the "
                        + "sessions you open to " + instance.displayName() + " end (when Gangway closes, if you open "
                        + "none; at its next start, if it does not close cleanly).\nAdd and keep: it stays until you "
                        + "remove it in the EC2 console.", "Add for my sessions", "Add and keep");
                if (choice >= 0) {
                    model.operations().addTemporaryRule(rule, choice == 1, () -> open(instance));
                }
            }
            case "running" -> {
                if (instance.state() != InstanceState.STOPPED) {
                    gate.admits(instance);
                } else if (gate.confirmStart(instance)) {
                    // Once it runs (and, for Windows, has its password), the doctor looks again at it as it is now.
                    model.operations().start(instance, this::open);
                }
            }
            case "endpoint" -> {
                if (dialogs.confirm("create-endpoint", "Create an Instance Connect Endpoint", "Create an EC2 Instance "
                        + "Connect Endpoint in subnet " + instance.subnetId() + " of " + instance.vpcId() + "?",
                        "It reaches the private addresses of that VPC's instances on ports 22 and 3389, uses the "
                        + "VPC's default security group, and takes a few minutes to create. It stays until you "
                        + "delete it (VPC console, Endpoints).", "Create endpoint")) {
                    model.operations().createEndpoint(instance, () -> open(instance));
                }
            }
            default -> {
                // Only the checks named in the panel's fixes get a button.
            }
        }
    }
}
