package dev.gangway.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import dev.gangway.common.ui.ColumnFit;
import dev.gangway.common.ui.TipWhenCut;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.inventory.ui.InstanceColumns;
import dev.gangway.inventory.ui.InstanceRow;
import dev.gangway.inventory.ui.InstanceTableSkin;

/**
 * The instance table: its columns, the selection kept in step with the view model, the context
 * menu, and Enter or double-click for the instance's default action.
 */
final class InstanceTablePane {

    private static final DateTimeFormatter LAUNCHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final MainViewModel model;
    private final TableView<InstanceRow> table = new TableView<>();

    InstanceTablePane(MainViewModel model, InstanceActions actions) {
        this.model = model;
        table.setId("instances");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setPlaceholder(new Label("No instances to show."));
        // A fixed row height spares the table from measuring every row on each filter keystroke.
        table.setFixedCellSize(28);
        table.setSkin(new InstanceTableSkin<>(table));
        table.setItems(model.visibleRows());
        // The model keeps its rows sorted; the table only tells it which order (see sortBy).
        table.setSortPolicy(t -> {
            Instance keep = model.selectedProperty().get();
            model.sortBy(t.getComparator());
            reselect(keep);
            return true;
        });
        addColumns();
        keepSelectionInStep();

        // The second press of a double-click: the connection starts while the button is still down,
        // for the row under the mouse when the first click selected it.
        table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                rowUnder(e).filter(i -> i.equals(selected().orElse(null))).ifPresent(actions::pressedForDefault);
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                selected().ifPresent(actions::runDefault);
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && selected().isPresent()) {
                actions.runDefault(selected().get());
                e.consume();
            }
        });
        MenuItem refresh = new MenuItem("Refresh");
        refresh.setAccelerator(MainMenu.REFRESH);
        refresh.setOnAction(e -> model.refresh());
        table.setContextMenu(actions.contextMenu(this::selected, model.selectedProperty(), refresh));
    }

    TableView<InstanceRow> table() {
        return table;
    }

    /** The instance of the table row a mouse event is on, if any. */
    private static Optional<Instance> rowUnder(MouseEvent e) {
        for (Node n = e.getPickResult().getIntersectedNode(); n != null; n = n.getParent()) {
            if (n instanceof TableRow<?> row) {
                return row.getItem() instanceof InstanceRow r ? Optional.of(r.instance()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The instance of the selected row. */
    Optional<Instance> selected() {
        InstanceRow row = table.getSelectionModel().getSelectedItem();
        return Optional.ofNullable(row == null ? null : row.instance());
    }

    private void addColumns() {
        TableColumn<InstanceRow, String> name = InstanceColumns.text("Name", r -> r.instance().name(), 160);
        table.getColumns().add(name);
        table.getColumns().add(InstanceColumns.text("Instance ID", r -> r.instance().id(), 195));
        TableColumn<InstanceRow, InstanceState> state = InstanceColumns.state();
        table.getColumns().add(state);
        TableColumn<InstanceRow, String> ssm = InstanceColumns.sessionManager();
        table.getColumns().add(ssm);
        table.getColumns().add(InstanceColumns.text("Type", r -> r.instance().instanceType(), 90));
        table.getColumns().add(InstanceColumns.text("Platform", r -> r.instance().platform().label(), 80));
        table.getColumns().add(InstanceColumns.text("Public IP / DNS", InstanceRow::publicAddress, 200));
        table.getColumns().add(InstanceColumns.text("Private IP", r -> r.instance().privateIp(), 110));
        table.getColumns().add(InstanceColumns.text("IPv6", r -> String.join(", ", r.instance().ipv6Addresses()), 90));
        table.getColumns().add(InstanceColumns.text("AZ", r -> r.instance().availabilityZone(), 110));
        table.getColumns().add(InstanceColumns.text("Key pair", r -> r.instance().keyName(), 120));
        TableColumn<InstanceRow, Instant> launched = new TableColumn<>("Launched");
        launched.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().instance().launchTime()));
        launched.setCellFactory(c -> TipWhenCut.cell(LAUNCHED::format));
        launched.setPrefWidth(130);
        table.getColumns().add(launched);
        TableColumn<InstanceRow, String> profile = InstanceColumns.text("Profile", r -> r.instance().profile(), 90);
        profile.visibleProperty().bind(Bindings.size(model.selectedProfiles()).greaterThan(1));
        table.getColumns().add(profile);
        table.getSortOrder().add(name);
        // Each column as wide as its header and its widest value: sized again when the rows are
        // listed again (not while the filter narrows them), and once the table has its font.
        ColumnFit<InstanceRow> fit = new ColumnFit<>(table, model::allRows, v -> v instanceof InstanceState s
                ? s.ec2Name() : v instanceof Instant t ? LAUNCHED.format(t) : v == null ? "" : v.toString())
                .withGraphic(state, DOT_WIDTH).withGraphic(ssm, DOT_WIDTH);
        model.allRows().addListener((ListChangeListener<InstanceRow>) c -> Platform.runLater(fit::fit));
        table.skinProperty().addListener((obs, old, skin) -> Platform.runLater(fit::fit));
    }

    /** A state or agent dot and the gap beside it. */
    private static final double DOT_WIDTH = 16;

    private void keepSelectionInStep() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row.instance());
            } else if (!isVisible(model.selectedProperty().get())) {
                model.selectedProperty().set(null);
            }
        });
        // Filtering replaces the visible rows; keep the selected instance selected while it is shown.
        model.visibleRows().addListener((ListChangeListener<InstanceRow>) c -> reselect(model.selectedProperty().get()));
        model.selectedProperty().addListener((obs, old, instance) -> {
            InstanceRow current = table.getSelectionModel().getSelectedItem();
            if (instance == null && current != null) {
                table.getSelectionModel().clearSelection();
            } else if (instance != null && (current == null || current.instance() != instance)) {
                table.getItems().stream().filter(r -> r.instance() == instance).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
        });
    }

    private boolean isVisible(Instance instance) {
        return instance != null && model.visibleRows().stream().anyMatch(r -> r.instance() == instance);
    }

    private void reselect(Instance instance) {
        if (instance == null) {
            return;
        }
        InstanceRow current = table.getSelectionModel().getSelectedItem();
        if (current != null && current.instance() == instance) {
            return;
        }
        List<InstanceRow> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).instance() == instance) {
                table.getSelectionModel().select(i);
                return;
            }
        }
    }
}
