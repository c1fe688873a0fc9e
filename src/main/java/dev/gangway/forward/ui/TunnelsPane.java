package dev.gangway.forward.ui;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import dev.gangway.forward.Tunnels;

/**
 * The Tunnels view: every open tunnel with its instance, route, local address, destination,
 * connections, bytes each way and uptime, a Stop button each, and "Copy local address". The
 * figures are read again every second.
 */
public final class TunnelsPane {

    private final Tunnels tunnels;
    private final TableView<Tunnels.Open> table = new TableView<>();
    private final Timeline refresh;

    public TunnelsPane(Tunnels tunnels) {
        this.tunnels = tunnels;
        table.setId("tunnels");
        // The columns share the whole width: figures and names are never cut while room is left.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No tunnels. Right-click an instance → Forward a port…"));
        table.getColumns().add(column("Instance", t -> t.instance().label(), 220));
        table.getColumns().add(column("Route", Tunnels.Open::route, 190));
        table.getColumns().add(column("Local address", Tunnels.Open::localAddress, 140));
        table.getColumns().add(column("Remote", t -> t.forward().destination(), 170));
        table.getColumns().add(column("Connections", t -> Integer.toString(t.forward().openConnections()), 105));
        table.getColumns().add(column("Sent", t -> bytes(t.forward().bytesSent()), 90));
        table.getColumns().add(column("Received", t -> bytes(t.forward().bytesReceived()), 95));
        table.getColumns().add(column("Up", t -> uptime(t.uptime(tunnels.clock())), 70));
        TableColumn<Tunnels.Open, Tunnels.Open> stop = new TableColumn<>("");
        stop.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stop.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button("Stop");

            @Override
            protected void updateItem(Tunnels.Open t, boolean empty) {
                super.updateItem(t, empty);
                if (empty || t == null) {
                    setGraphic(null);
                    return;
                }
                button.setId("stop-" + t.forward().port());
                button.setOnAction(e -> tunnels.stop(t));
                setGraphic(button);
            }
        });
        stop.setPrefWidth(80);
        stop.setMinWidth(80);
        stop.setResizable(false);
        table.getColumns().add(stop);
        MenuItem copy = new MenuItem("Copy local address");
        copy.setOnAction(e -> {
            Tunnels.Open t = table.getSelectionModel().getSelectedItem();
            if (t != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(t.localAddress());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        // Nothing to copy without a tunnel chosen.
        copy.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.setContextMenu(new ContextMenu(copy));
        tunnels.onChange(now -> Platform.runLater(() -> show(now)));
        refresh = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> table.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        show(tunnels.all());
    }

    public Node node() {
        return table;
    }

    private void show(List<Tunnels.Open> now) {
        table.getItems().setAll(now);
    }

    public void dispose() {
        refresh.stop();
    }

    private static TableColumn<Tunnels.Open, String> column(String title,
            Function<Tunnels.Open, String> value, double width) {
        TableColumn<Tunnels.Open, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 70));
        return c;
    }

    /** "0 B", "12.3 KB", "4.5 MB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KB", n / 1024.0);
        }
        return String.format("%.1f MB", n / (1024.0 * 1024));
    }

    /** "42 s", "3 min", "2 h 5 min". */
    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
