package dev.gangway.inventory.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.gangway.common.Printable;
import dev.gangway.instance.Instance;

/** A plain, aligned text table for terminals. */
final class InstanceTable {

    /** Launch times in the user's time zone, named (issue 27: UTC whatever TZ said, unlabelled). */
    private static final DateTimeFormatter LAUNCHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz",
            Locale.ROOT);

    private InstanceTable() {
    }

    static void print(List<Instance> instances, boolean withProfile, PrintWriter out) {
        print(instances, withProfile, ZoneId.systemDefault(), out);
    }

    /** The table, launch times in {@code zone}. */
    static void print(List<Instance> instances, boolean withProfile, ZoneId zone, PrintWriter out) {
        DateTimeFormatter launched = LAUNCHED.withZone(zone);
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NAME", "ID", "STATE", "TYPE", "PLATFORM", "PUBLIC", "PRIVATE",
                "AZ", "KEY", "LAUNCHED", "SSM"));
        if (withProfile) {
            header.add(0, "PROFILE");
        }
        rows.add(header.toArray(String[]::new));
        for (Instance i : instances) {
            List<String> row = new ArrayList<>(List.of(
                    dash(i.name()), i.id(), i.state().ec2Name(), dash(i.instanceType()), i.platform().label(),
                    dash(i.publicIp() != null ? i.publicIp() : i.ipv6Addresses().isEmpty() ? null : i.ipv6Addresses().get(0)),
                    dash(i.privateIp()), dash(i.availabilityZone()), dash(i.keyName()),
                    dash(i.launchTime() == null ? null : launched.format(i.launchTime())),
                    i.agent() == null ? "-" : i.agent().ping().shortLabel().toLowerCase(Locale.ROOT)));
            if (withProfile) {
                row.add(0, i.profile());
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(r[c]);
                if (c < r.length - 1) {
                    line.append(" ".repeat(widths[c] - r[c].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.println(instances.size() + (instances.size() == 1 ? " instance" : " instances"));
    }

    /** A cell: "-" when empty; account text shown with its control characters escaped (see {@link Printable}). */
    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : Printable.of(s);
    }
}
