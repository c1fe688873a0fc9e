package dev.gangway.shell;

import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import dev.gangway.inventory.FetchFailure;

/** The bottom line: what is listed, what could not be (with the details a click away), and which cloud. */
final class StatusBar {

    private final MainViewModel model;
    private final Supplier<Window> owner;

    StatusBar(MainViewModel model, Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
    }

    Node node() {
        Label summary = new Label();
        summary.setId("summary");
        summary.textProperty().bind(model.summaryProperty());
        Hyperlink failures = new Hyperlink();
        failures.setId("failures-link");
        failures.textProperty().bind(Bindings.createStringBinding(() -> model.failures().isEmpty() ? ""
                : "Show what failed (" + model.failures().size() + ")", model.failures()));
        failures.visibleProperty().bind(Bindings.isNotEmpty(model.failures()));
        failures.setOnAction(e -> showFailures());
        // A confirmation (a copy, a listing again) for a few seconds, then nothing.
        Label note = new Label();
        note.setId("status-note");
        note.getStyleClass().add(Styles.ACCENT);
        note.textProperty().bind(model.notes().noteProperty());
        Label listed = new Label();
        listed.setId("listed-at");
        listed.getStyleClass().add(Styles.TEXT_MUTED);
        listed.textProperty().bind(model.notes().listedAtProperty());
        Label source = new Label(model.isSandbox() ? "Sandbox cloud on 127.0.0.1" : "AWS");
        source.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, summary, failures, note, spacer, listed, source);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void showFailures() {
        StringBuilder text = new StringBuilder();
        for (FetchFailure f : model.failures()) {
            text.append("• ").append(f.where()).append(": ").append(f.message()).append("\n\n");
        }
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(owner.get());
        alert.setTitle("What could not be listed");
        alert.setHeaderText(model.failures().size() + (model.failures().size() == 1 ? " place" : " places")
                + " could not be listed; the others are shown.");
        Label body = new Label(text.toString().trim());
        body.setWrapText(true);
        body.setMaxWidth(560);
        alert.getDialogPane().setContent(body);
        alert.show();
    }
}
