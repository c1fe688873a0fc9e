package dev.gangway.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

import dev.gangway.instance.Instance;

/**
 * The filter-as-you-type rule shared by the window and the CLI: every word of the query must
 * appear (case-insensitive) in the instance's name, a tag value, its id, an IP address or DNS name.
 */
public final class InstanceFilter {

    private InstanceFilter() {
    }

    /** The text one instance is searched in, lower-cased; compute once per instance. */
    public static String searchText(Instance i) {
        StringBuilder sb = new StringBuilder(128);
        append(sb, i.name());
        append(sb, i.id());
        append(sb, i.publicIp());
        append(sb, i.publicDns());
        append(sb, i.privateIp());
        i.ipv6Addresses().forEach(a -> append(sb, a));
        i.tags().values().forEach(v -> append(sb, v));
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** A predicate over search texts; a blank query matches everything. */
    public static Predicate<String> query(String text) {
        if (text == null || text.isBlank()) {
            return s -> true;
        }
        String[] words = words(text);
        return s -> {
            for (String w : words) {
                if (!s.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * Whether every instance that {@code narrower} lets through is also let through by
     * {@code wider}: each word of {@code wider} lies inside some word of {@code narrower}. Typing
     * one more character is the common case; a filter can then search only the rows it already shows.
     */
    public static boolean narrows(String narrower, String wider) {
        if (wider == null || wider.isBlank()) {
            return true;
        }
        if (narrower == null || narrower.isBlank()) {
            return false;
        }
        String[] inner = words(narrower);
        for (String w : words(wider)) {
            boolean covered = false;
            for (String v : inner) {
                if (v.contains(w)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private static String[] words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    public static boolean matches(Instance i, String text) {
        return query(text).test(searchText(i));
    }

    private static void append(StringBuilder sb, String s) {
        if (s != null && !s.isEmpty()) {
            sb.append(s).append('\n');
        }
    }
}
