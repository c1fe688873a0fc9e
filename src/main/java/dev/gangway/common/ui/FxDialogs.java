package dev.gangway.common.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import dev.gangway.common.Dialogs;

/** {@link Dialogs} as modal JavaFX alerts over the window; call on the FX thread. */
public final class FxDialogs implements Dialogs {

    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String id, String title, String question, String details, String confirmLabel) {
        return choose(id, title, question, details, confirmLabel) == 0;
    }

    @Override
    public int choose(String id, String title, String question, String details, String... labels) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(owner.get());
        ask.getDialogPane().setId(id);
        ask.setTitle(title);
        ask.setHeaderText(question);
        ask.setContentText(details);
        List<ButtonType> buttons = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            // The first is the default (Enter); the others sit beside it.
            buttons.add(new ButtonType(labels[i], i == 0 ? ButtonBar.ButtonData.OK_DONE : ButtonBar.ButtonData.OTHER));
        }
        ask.getButtonTypes().setAll(buttons);
        ask.getButtonTypes().add(ButtonType.CANCEL);
        return ask.showAndWait().map(buttons::indexOf).orElse(-1);
    }
}
