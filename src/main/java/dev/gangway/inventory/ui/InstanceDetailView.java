package dev.gangway.inventory.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.common.ui.ColumnFit;
import dev.gangway.common.ui.TipWhenCut;
import dev.gangway.instance.AccessSummary;
import dev.gangway.instance.SecurityGroupRule;

/** The right-hand pane: where the selected instance is reachable, its inbound rules and tags. */
public final class InstanceDetailView {

    private static final DateTimeFormatter LAUNCHED = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    /** What the pane shows: the chosen instance, and how its connect port looks from the user's address. */
    public interface Source {
        ObservableObjectValue<Instance> selectedProperty();

        /** The instance chosen but hidden by the filter, or null. */
        ObservableValue<Instance> hiddenChoiceProperty();

        /** Whether, and how, the chosen instance can be reached now. */
        ObservableValue<AccessSummary> accessProperty();

        ObservableValue<String> myIpProperty();

        /** Whether this is the built-in sandbox rather than AWS. */
        boolean isSandbox();
    }

    /** The rules table's row and header heights. */
    static final double RULE_ROW = 28;
    static final double RULE_HEADER = 32;
    private static final double DESCRIPTION_MIN = 110;
    /** Room beside a rule column's title: its padding, no sort arrow. */
    private static final double RULE_HEADER_ROOM = 32;

    private final Source model;
    private final StackPane root = new StackPane();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label exposureIcon = new Label();
    private final Label exposureText = new Label();
    private final Label myIp = new Label();
    private final Label rulesPlaceholder = new Label();
    private final GridPane facts = new GridPane();
    private final TableView<SecurityGroupRule> rules = new TableView<>();
    private final TableView<Map.Entry<String, String>> tags = new TableView<>();
    private final VBox content;
    private final ScrollPane scroll;
    /** The instance shown, by id: another one starts at the top, the same one refreshed stays where it was. */
    private String shownId;

    public InstanceDetailView(Source model) {
        this.model = model;
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("detail-title");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        exposureText.setId("exposure-sentence");
        exposureText.setWrapText(true);
        exposureIcon.getStyleClass().add("exposure-icon");
        HBox exposure = new HBox(8, exposureIcon, exposureText);
        exposure.getStyleClass().add("exposure");
        myIp.getStyleClass().add(Styles.TEXT_MUTED);

        facts.setHgap(12);
        facts.setVgap(4);
        // Names keep their width; values take the rest, and wrap in it.
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        facts.getColumnConstraints().setAll(names, values);

        buildRulesTable();
        buildTagsTable();

        Label rulesTitle = section("Inbound rules");
        Label tagsTitle = section("Tags");
        content = new VBox(8, title, subtitle, exposure, myIp, facts, rulesTitle, rules, tagsTitle, tags);
        content.setPadding(new Insets(12));
        VBox.setVgrow(rules, Priority.SOMETIMES);
        scroll = new ScrollPane(content);
        scroll.setId("detail-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);

        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
            Instance hidden = model.hiddenChoiceProperty().getValue();
            return hidden == null ? "Select an instance to see how to reach it,\nits security groups and its tags."
                    : hidden.displayName() + " is hidden by the filter.\n"
                            + "Clear the filter (Esc) to see it again.";
        }, model.hiddenChoiceProperty()));
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setId("detail-placeholder");
        root.getChildren().addAll(scroll, placeholder);
        root.setMinWidth(320);

        model.selectedProperty().addListener((obs, old, instance) -> show(instance));
        model.accessProperty().addListener((obs, old, a) -> showAccess(a));
        model.myIpProperty().addListener((obs, old, ip) -> showMyIp(ip));
        scroll.visibleProperty().bind(Bindings.isNotNull(model.selectedProperty()));
        placeholder.visibleProperty().bind(Bindings.isNull(model.selectedProperty()));
        show(model.selectedProperty().getValue());
    }

    public Node node() {
        return root;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        l.setPadding(new Insets(8, 0, 0, 0));
        return l;
    }

    /** The rules' columns sized to their headers and values; the description takes what is left. */
    private ColumnFit<SecurityGroupRule> rulesFit;

    private void buildRulesTable() {
        rules.setId("rules-table");
        rules.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        rules.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        rules.setPlaceholder(rulesPlaceholder);
        // As tall as its rows (a placeholder's one at least), so no rule hides below a scroll bar
        // and no empty space follows a short list.
        rules.setFixedCellSize(RULE_ROW);
        // The header's height as drawn (the theme's font decides it) once the table has a skin.
        DoubleProperty header = new SimpleDoubleProperty(RULE_HEADER);
        rules.skinProperty().addListener((obs, old, skin) -> Platform.runLater(() -> {
            if (rules.lookup(".column-header-background") instanceof Region r) {
                header.bind(Bindings.max(RULE_HEADER, r.heightProperty()));
            }
        }));
        rules.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> header.get() + Math.max(1, rules.getItems().size()) * RULE_ROW + 8, rules.getItems(), header));
        rules.setMinHeight(Region.USE_PREF_SIZE);
        rules.setMaxHeight(Region.USE_PREF_SIZE);
        rules.getColumns().add(column("Group", r -> r.groupName() == null || r.groupName().isBlank() ? r.groupId() : r.groupName(), 90));
        rules.getColumns().add(column("Protocol", SecurityGroupRule::protocolLabel, 70));
        rules.getColumns().add(column("Ports", r -> r.portLabel() + (opensConnectPort(r) ? "  ← " + connectLabel() : ""), 130));
        rules.getColumns().add(column("Source", r -> r.source().value(), 120));
        TableColumn<SecurityGroupRule, String> description = column("Description",
                r -> r.description() == null ? "" : r.description(), 100);
        rules.getColumns().add(description);
        // Made once the columns exist, so it sees the user resize one.
        // The others as wide as their values (groups, ports, sources whole where the pane allows; the
        // widest cut with a tooltip where it does not), the description the rest of the pane.
        rulesFit = new ColumnFit<>(rules, rules::getItems, String::valueOf).measuringBold()
                .withHeaderRoom(RULE_HEADER_ROOM).fillingWith(description, DESCRIPTION_MIN);
        rules.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SecurityGroupRule rule, boolean empty) {
                super.updateItem(rule, empty);
                pseudoClassStateChanged(PseudoClass.getPseudoClass("opens-connect-port"),
                        !empty && rule != null && opensConnectPort(rule));
            }
        });
    }

    private boolean opensConnectPort(SecurityGroupRule r) {
        Instance i = model.selectedProperty().getValue();
        return i != null && r.opensTcpPort(i.connectPort());
    }

    private String connectLabel() {
        Instance i = model.selectedProperty().getValue();
        return i == null ? "" : (i.platform() == GuestOs.WINDOWS ? "RDP" : "SSH");
    }

    private void buildTagsTable() {
        tags.setId("tags-table");
        tags.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        tags.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tags.setPlaceholder(new Label("No tags"));
        tags.setPrefHeight(160);
        TableColumn<Map.Entry<String, String>, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue()));
        key.setCellFactory(col -> TipWhenCut.cell(t -> t));
        value.setCellFactory(col -> TipWhenCut.cell(t -> t));
        tags.getColumns().add(key);
        tags.getColumns().add(value);
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value,
                                                     double width) {
        TableColumn<T, String> c = new TableColumn<>();
        // The title as a label of its own, to carry it whole in a tooltip where the pane cuts it.
        Label title = new Label(name);
        title.setTooltip(new Tooltip(name));
        c.setGraphic(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> TipWhenCut.cell(s -> s));
        // In the groups' own order; no sort arrow to make room for beside the title.
        c.setSortable(false);
        return c;
    }

    private void show(Instance i) {
        if (i == null) {
            rules.getItems().clear();
            tags.getItems().clear();
            return;
        }
        if (!i.id().equals(shownId)) {
            shownId = i.id();
            scroll.setVvalue(scroll.getVmin());
        }
        title.setText(i.displayName());
        subtitle.setText(i.id() + " · " + i.state().ec2Name() + " · " + i.platform().label() + " · " + i.profile()
                + " / " + i.region());
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "AMI", i.imageName() == null ? i.imageId() : i.imageName() + "\n" + i.imageId());
        row = fact(row, "Key pair", i.keyName());
        row = fact(row, "Public IP", i.publicIp());
        row = fact(row, "Public DNS", i.publicDns());
        row = fact(row, "Private IP", i.privateIp());
        row = fact(row, "IPv6", i.ipv6Addresses().isEmpty() ? null : String.join(", ", i.ipv6Addresses()));
        row = fact(row, "Session Manager", i.agent() != null ? i.agent().summary()
                : "No SSM agent registered");
        if (!i.isManagedNode()) {
            row = fact(row, i.platform() == GuestOs.WINDOWS ? "RDP port" : "SSH port", Integer.toString(i.connectPort()));
        }
        row = fact(row, "VPC / subnet", i.vpcId() == null ? null : i.vpcId() + " / " + i.subnetId());
        fact(row, "Launched", i.launchTime() == null ? null : LAUNCHED.format(i.launchTime()));
        List<SecurityGroupRule> all = new ArrayList<>();
        i.securityGroups().forEach(g -> all.addAll(g.inboundRules()));
        rulesPlaceholder.setText(i.isManagedNode() ? "A managed node outside EC2 has no security groups."
                : "No inbound rules: nothing can connect.");
        rules.getItems().setAll(all);
        rules.refresh();
        rulesFit.fit();
        tags.getItems().setAll(new ArrayList<>(i.tags().entrySet()));
        showAccess(model.accessProperty().getValue());
        showMyIp(model.myIpProperty().getValue());
    }

    private int fact(int row, String name, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label n = new Label(name);
        n.getStyleClass().add(Styles.TEXT_MUTED);
        n.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.getStyleClass().add("fact-value");
        // Long values (an AMI's name, a VPC and subnet, the agent's platform) wrap: nothing is cut.
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        facts.addRow(row, n, v);
        return row + 1;
    }

    private void showAccess(AccessSummary a) {
        exposureIcon.getStyleClass().removeAll("open-anyone", "open-you", "not-open", "closed", "not-running");
        if (a == null) {
            exposureText.setText("");
            exposureIcon.setText("");
            return;
        }
        exposureText.setText(a.sentence());
        switch (a.level()) {
            case OPEN -> {
                exposureIcon.setText("✔");
                exposureIcon.getStyleClass().add("open-you");
            }
            case OPEN_TO_ANYONE -> {
                exposureIcon.setText("⚠");
                exposureIcon.getStyleClass().add("open-anyone");
            }
            case CLOSED -> {
                exposureIcon.setText("✖");
                exposureIcon.getStyleClass().add("closed");
            }
            case NOT_RUNNING -> {
                exposureIcon.setText("●");
                exposureIcon.getStyleClass().add("not-running");
            }
            default -> exposureIcon.setText("");
        }
    }

    private void showMyIp(String ip) {
        myIp.setText(ip == null ? "Your public IP could not be determined." : "Your public IP: " + ip
                + (model.isSandbox() ? " (sandbox)" : ""));
    }
}
