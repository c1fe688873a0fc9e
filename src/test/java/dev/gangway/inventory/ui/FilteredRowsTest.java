package dev.gangway.inventory.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import dev.gangway.inventory.InstanceFilter;
import dev.gangway.testsupport.InstanceBuilder;

/** The filtered rows: always what a plain filter gives, reported as exact removals and additions. */
class FilteredRowsTest {

    static InstanceRow row(String name) {
        return InstanceRow.of(InstanceBuilder.instance(b -> { b.id = "i-" + name; b.name = name; }));
    }

    @Test
    void narrowingAndWideningReportOnlyWhatChangedAndNeverAReplacement() {
        ObservableList<InstanceRow> source = FXCollections.observableArrayList();
        for (String n : List.of("web-1", "web-2", "api-1", "web-3", "db-1", "api-2")) {
            source.add(row(n));
        }
        FilteredRows rows = new FilteredRows(source);
        List<String> events = new ArrayList<>();
        rows.addListener((ListChangeListener<InstanceRow>) c -> {
            while (c.next()) {
                assertThat(c.wasReplaced()).as("a replacement makes the table recreate every cell").isFalse();
                events.add((c.wasAdded() ? "+" : "-") + c.getFrom() + ":" + (c.wasAdded() ? c.getAddedSize() : c.getRemovedSize()));
            }
        });
        rows.setQuery(InstanceFilter.query("web"));
        assertThat(rows).extracting(r -> r.instance().name()).containsExactly("web-1", "web-2", "web-3");
        assertThat(events).containsExactly("-2:1", "-3:2");
        events.clear();
        rows.setQuery(InstanceFilter.query("we"));
        assertThat(events).as("same result, no change at all").isEmpty();
        rows.setQuery(null);
        assertThat(rows).extracting(r -> r.instance().name())
                .containsExactly("web-1", "web-2", "api-1", "web-3", "db-1", "api-2");
        assertThat(events).containsExactly("+2:1", "+4:2");
    }

    @Test
    void alwaysEqualsAPlainFilterAndSurvivesSourceChanges() {
        Random random = new Random(42);
        ObservableList<InstanceRow> source = FXCollections.observableArrayList();
        String[] words = {"alpha", "beta", "gamma", "delta"};
        for (int i = 0; i < 300; i++) {
            source.add(row(words[random.nextInt(4)] + "-" + i));
        }
        FilteredRows rows = new FilteredRows(source);
        List<InstanceRow> mirror = new ArrayList<>(rows);
        rows.addListener((ListChangeListener<InstanceRow>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    mirror.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                }
                if (c.wasAdded()) {
                    mirror.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
        for (int round = 0; round < 200; round++) {
            String q = round % 17 == 0 ? "" : words[random.nextInt(4)].substring(0, 1 + random.nextInt(3));
            if (round % 23 == 0) {
                source.remove(0, 10);
            }
            rows.setQuery(InstanceFilter.query(q));
            List<InstanceRow> expected = source.stream().filter(r -> InstanceFilter.query(q).test(r.searchText())).toList();
            assertThat(rows).containsExactlyElementsOf(expected);
            assertThat(mirror).as("listeners that apply the reported changes see the same list").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void typingAndDeletingCharacterByCharacterAlwaysShowsWhatAPlainFilterShows() {
        ObservableList<InstanceRow> source = FXCollections.observableArrayList();
        for (String n : List.of("web-10", "web-2", "api-10", "Web-1 prod", "db-1", "ΑΣΑ-1", "ας-2")) {
            source.add(row(n));
        }
        FilteredRows rows = new FilteredRows(source);
        String previous = "";
        // One character at a time, as a user types and then deletes; also a pasted replacement.
        List<String> typed = List.of("w", "we", "web", "web-", "web-1", "web-10", "web-1", "web ", "web p",
                "web pr", "db", "α", "ας", "ασ", "ΑΣ", "", "api 10", "api 1");
        for (String text : typed) {
            rows.setQuery(InstanceFilter.query(text), InstanceFilter.narrows(text, previous));
            String q = text;
            List<InstanceRow> expected = source.stream().filter(r -> InstanceFilter.query(q).test(r.searchText())).toList();
            assertThat(rows).as("after typing '%s'", text).containsExactlyElementsOf(expected);
            previous = text;
        }
    }

    @Test
    void aQueryNarrowsAnotherOnlyWhenEveryRowItAcceptsTheOtherAcceptsToo() {
        assertThat(InstanceFilter.narrows("web-1", "web-")).isTrue();
        assertThat(InstanceFilter.narrows("web prod", "web")).isTrue();
        assertThat(InstanceFilter.narrows("prod web", "web pro")).isTrue();
        assertThat(InstanceFilter.narrows("WEB", "web")).isTrue();
        assertThat(InstanceFilter.narrows("anything", "")).isTrue();
        assertThat(InstanceFilter.narrows("web", "web-")).isFalse();
        assertThat(InstanceFilter.narrows("", "web")).isFalse();
        assertThat(InstanceFilter.narrows("db", "web")).isFalse();
        assertThat(InstanceFilter.narrows("web", "web prod")).isFalse();
    }
}
