package dev.gangway.doctor.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import dev.gangway.doctor.Finding;
import dev.gangway.doctor.Report;
import dev.gangway.doctor.Verdict;
import dev.gangway.doctor.Way;
import dev.gangway.instance.Instance;

/**
 * The connection doctor's panel for one instance: each way in with its verdict, and under it what
 * was checked, the reason and the fix (a missing permission's policy ready to copy). It fills in as
 * the checks finish; once all are in it names the best way, which Enter and double-click then take.
 */
public final class DoctorPane {

    private final Instance instance;
    private final int expected;
    private final List<Finding> found = new ArrayList<>();
    private final VBox content = new VBox(4);
    private final ScrollPane scroll = new ScrollPane(content);
    private final Consumer<Way> connect;
    private final Map<String, String> fixes;
    private final Consumer<Finding> fix;
    private boolean done;

    /**
     * @param expected how many checks run (for "Checking… 5 of 19")
     * @param connect  goes in the way given (the "Connect that way" button)
     * @param fixes    the checks Gangway can fix when they fail, with their button's label ("Allow my IP…")
     * @param fix      fixes a failed check (asking first)
     */
    public DoctorPane(Instance instance, int expected, Consumer<Way> connect, Map<String, String> fixes,
            Consumer<Finding> fix) {
        this.instance = instance;
        this.expected = expected;
        this.connect = connect;
        this.fixes = Map.copyOf(fixes);
        this.fix = fix;
        content.getStyleClass().add("doctor");
        content.setId("doctor-" + instance.id());
        scroll.setFitToWidth(true);
        render();
    }

    public Node node() {
        return scroll;
    }

    /** A check's finding, as it comes (on the FX thread). */
    public void add(Finding finding) {
        found.add(finding);
        render();
    }

    /** All checks are in: the report's order, verdicts and best way. */
    public void done(Report report) {
        found.clear();
        found.addAll(report.findings());
        done = true;
        render();
    }

    /** Everything shown, as text (what a test or a screen reader reads). */
    public List<String> texts() {
        List<String> all = new ArrayList<>();
        collect(content, all);
        return all;
    }

    private static void collect(Node n, List<String> into) {
        if (n instanceof Label l) {
            into.add(l.getText());
        } else if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, into));
        }
    }

    private void render() {
        Report report = new Report(instance, found);
        boolean windows = report.windows();
        content.getChildren().clear();
        Label title = new Label("Ways into " + instance.label());
        title.getStyleClass().add("doctor-title");
        Label status = new Label(status(report, windows));
        status.setId("doctor-status");
        status.getStyleClass().add("doctor-status");
        content.getChildren().addAll(title, status);
        Optional<Way> best = done ? report.best() : Optional.empty();
        best.ifPresent(w -> {
            Button go = new Button("Connect that way");
            go.setId("doctor-connect");
            go.setDefaultButton(true);
            go.setOnAction(e -> connect.accept(w));
            content.getChildren().add(go);
        });
        section("Every way needs", null, report.own(Way.ANY), report.own(Way.WINDOWS_LOGIN));
        for (Way w : report.ways()) {
            section(w.title(windows), done || !report.own(w).isEmpty() ? report.verdict(w) : null, report.own(w),
                    List.of());
        }
    }

    private String status(Report report, boolean windows) {
        if (!done) {
            return "Checking… " + found.size() + " of " + expected + " checks done.";
        }
        return report.best().map(w -> "Best way in: " + w.title(windows) + ". Enter and double-click now go this way.")
                .orElse("No way in works yet: the fixes are below.");
    }

    private void section(String heading, Verdict verdict, List<Finding> own, List<Finding> more) {
        if (own.isEmpty() && more.isEmpty() && verdict == null) {
            return;
        }
        Label h = new Label(heading + (verdict == null ? "" : " — " + verdict.words()));
        h.getStyleClass().addAll("doctor-way");
        if (verdict != null) {
            h.getStyleClass().addAll("doctor-badge", verdict.name().toLowerCase(Locale.ROOT));
        }
        content.getChildren().add(h);
        GridPane rows = new GridPane();
        rows.setHgap(8);
        rows.setVgap(3);
        rows.setPadding(new Insets(0, 0, 0, 6));
        int row = 0;
        List<Finding> all = new ArrayList<>(own);
        all.addAll(more);
        for (Finding f : all) {
            Label mark = new Label(switch (f.verdict()) {
                case WORKS -> "✔";
                case FAILS -> "✘";
                case UNKNOWN -> "?";
            });
            mark.getStyleClass().addAll("doctor-mark", f.verdict().name().toLowerCase(Locale.ROOT));
            Label check = new Label(f.title());
            check.getStyleClass().add("doctor-check");
            Label reason = wrapped(f.reason());
            VBox text = new VBox(2, check, reason);
            if (!f.fix().isEmpty() && f.verdict() != Verdict.WORKS) {
                Label fixText = wrapped("Fix: " + f.fix());
                fixText.getStyleClass().add("doctor-fix");
                text.getChildren().add(fixText);
            }
            if (f.verdict() == Verdict.FAILS && fixes.containsKey(f.check())) {
                Button button = new Button(fixes.get(f.check()));
                button.setId("doctor-fix-" + f.check());
                button.setOnAction(e -> fix.accept(f));
                text.getChildren().add(new HBox(button));
            }
            if (!f.policy().isEmpty()) {
                TextArea policy = new TextArea(f.policy());
                policy.setEditable(false);
                policy.setPrefRowCount((int) f.policy().lines().count());
                policy.getStyleClass().add("doctor-policy");
                Button copy = new Button("Copy policy");
                copy.setId("doctor-copy-policy-" + f.check());
                copy.setOnAction(e -> {
                    ClipboardContent c = new ClipboardContent();
                    c.putString(f.policy());
                    Clipboard.getSystemClipboard().setContent(c);
                });
                text.getChildren().addAll(policy, new HBox(copy));
            }
            HBox.setHgrow(text, Priority.ALWAYS);
            // The mark stands beside the check's name, not halfway down its reason.
            GridPane.setValignment(mark, VPos.TOP);
            rows.addRow(row++, mark, text);
        }
        content.getChildren().add(rows);
    }

    private static Label wrapped(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMaxWidth(900);
        return l;
    }
}
