package dev.gangway.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.controlsfx.control.CheckComboBox;

import dev.gangway.instance.Instance;
import dev.gangway.inventory.ui.InstanceRow;

/**
 * The top of the window: which profiles and regions to list, Refresh (Cancel while listing) with its
 * progress, the filter, and the Sandbox badge.
 */
final class SelectorBar {

    private final MainViewModel model;
    private final TableView<InstanceRow> table;
    private final Consumer<Instance> runDefault;
    private final CustomTextField filter = new CustomTextField();
    private final CheckComboBox<String> profiles = new CheckComboBox<>();
    private final CheckComboBox<String> regions = new CheckComboBox<>();
    private final CheckBox allRegions = new CheckBox("All enabled");
    private final Button refresh = new Button("Refresh");
    private boolean syncing;

    /** @param runDefault what Enter in the filter does with the chosen instance */
    SelectorBar(MainViewModel model, TableView<InstanceRow> table, Consumer<Instance> runDefault) {
        this.model = model;
        this.table = table;
        this.runDefault = runDefault;
    }

    /**
     * The toolbar, with the filter and the Sandbox badge beside it rather than in it: a narrow window
     * moves toolbar items into its overflow menu, and neither may be hidden ({@link ToolbarRow}).
     */
    Node node() {
        ToolBar bar = new ToolBar(profilesBox(), regionsBox(), allRegions, refreshButton(), progress(), progressText());
        filterField();
        if (!model.isSandbox()) {
            return new ToolbarRow(bar, filter, null);
        }
        Label badge = new Label("Sandbox");
        badge.setId("sandbox-badge");
        badge.getStyleClass().addAll("sandbox-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setTooltip(new Tooltip("Gangway's built-in sandbox cloud on 127.0.0.1, not AWS: its instances are "
                + "made up, and nothing here touches an AWS account or costs money. Gangway opens on it when it "
                + "finds no AWS credentials, or when asked to."));
        return new ToolbarRow(bar, filter, badge);
    }

    void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    private Node profilesBox() {
        profiles.setId("profiles");
        profiles.setTitle("Profiles");
        profiles.setShowCheckedCount(true);
        profiles.getItems().setAll(model.availableProfiles());
        model.selectedProfiles().forEach(p -> profiles.getCheckModel().check(p));
        profiles.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncing) {
                model.selectProfiles(List.copyOf(profiles.getCheckModel().getCheckedItems()));
            }
        });
        profiles.setTooltip(new Tooltip("AWS profiles to list"));
        steadyWidth(profiles, "Profiles");
        // Lists again once the user has made up their mind: when the popup closes, not at every tick.
        profiles.addEventHandler(ComboBoxBase.ON_HIDDEN, e -> model.refreshIfSelectionChanged());
        return profiles;
    }

    private Node regionsBox() {
        regions.setId("regions");
        regions.setTitle("Regions");
        regions.setShowCheckedCount(true);
        regions.setTooltip(new Tooltip("Regions to list"));
        steadyWidth(regions, "Regions");
        model.availableRegions().addListener((ListChangeListener<String>) c -> syncRegions());
        regions.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncing && !allRegions.isSelected()) {
                model.selectRegions(List.copyOf(regions.getCheckModel().getCheckedItems()), false);
            }
        });
        regions.addEventHandler(ComboBoxBase.ON_HIDDEN, e -> model.refreshIfSelectionChanged());
        allRegions.setId("all-regions");
        allRegions.setSelected(model.allRegionsProperty().get());
        allRegions.setTooltip(new Tooltip("List every region enabled for the account"));
        allRegions.selectedProperty().addListener((obs, old, all) -> {
            // Unticked: the regions the user chose before, or else every one that was just listed,
            // so the selector never claims fewer regions than the table shows.
            List<String> chosen = all || !model.selectedRegions().isEmpty()
                    ? List.copyOf(model.selectedRegions()) : List.copyOf(model.availableRegions());
            model.selectRegions(chosen, all);
            syncRegions();
            model.refreshIfSelectionChanged();
        });
        regions.disableProperty().bind(allRegions.selectedProperty());
        syncRegions();
        return regions;
    }

    /**
     * One width whatever is ticked: the box is as wide as its title with the widest count it can show
     * ("Regions (88/88)"), so ticking one does not move everything beside it (issue 26).
     */
    private static void steadyWidth(CheckComboBox<String> box, String title) {
        Text widest = new Text(title + " (88/88)");
        widest.setFont(Font.getDefault());
        double width = Math.ceil(widest.getLayoutBounds().getWidth()) + BOX_CHROME;
        box.setMinWidth(width);
        box.setPrefWidth(width);
        box.setMaxWidth(width);
    }

    /** A check box's padding and its arrow, beside its title. */
    private static final double BOX_CHROME = 56;

    private Node refreshButton() {
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Refresh (F5 / " + MainMenu.REFRESH_ALT.getDisplayText() + ")"));
        refresh.textProperty().bind(Bindings.when(model.refreshingProperty()).then("Cancel").otherwise("Refresh"));
        refresh.setOnAction(e -> {
            if (model.refreshingProperty().get()) {
                model.cancelRefresh();
            } else {
                model.refresh();
            }
        });
        return refresh;
    }

    private Node progress() {
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(120);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.refreshingProperty());
        // Out of the layout while nothing is listed, so the toolbar leaves the filter that room.
        progress.managedProperty().bind(progress.visibleProperty());
        return progress;
    }

    private Node progressText() {
        Label progressText = new Label();
        progressText.setId("progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        progressText.getStyleClass().add(Styles.TEXT_MUTED);
        progressText.managedProperty().bind(progressText.textProperty().isNotEmpty());
        return progressText;
    }

    private void filterField() {
        filter.setId("filter");
        filter.setPromptText("Filter: name, tag, id, IP, DNS  (" + MainMenu.FIND.getDisplayText() + ")");
        filter.setPrefColumnCount(28);
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        Label clear = new Label("✕");
        clear.getStyleClass().add("clear-filter");
        clear.visibleProperty().bind(filter.textProperty().isNotEmpty());
        clear.setOnMouseClicked(e -> filter.clear());
        filter.setRight(clear);
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
                table.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
            } else if (e.getCode() == KeyCode.ENTER) {
                // As in a launcher's quick-connect box: the selected row, or the first one the filter left.
                if (table.getSelectionModel().isEmpty() && !filter.getText().isBlank() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                InstanceRow row = table.getSelectionModel().getSelectedItem();
                if (row != null) {
                    runDefault.accept(row.instance());
                }
                e.consume();
            }
        });
    }

    private void syncRegions() {
        syncing = true;
        try {
            List<String> available = new ArrayList<>(model.availableRegions());
            for (String r : model.selectedRegions()) {
                if (!available.contains(r)) {
                    available.add(r);
                }
            }
            regions.getItems().setAll(available);
            regions.getCheckModel().clearChecks();
            if (model.allRegionsProperty().get()) {
                // "All enabled": every region is listed, and the (disabled) selector says so.
                regions.getCheckModel().checkAll();
            } else {
                model.selectedRegions().forEach(r -> regions.getCheckModel().check(r));
            }
        } finally {
            syncing = false;
        }
    }
}
