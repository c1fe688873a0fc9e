package dev.gangway.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;

/**
 * The doctor's answer for one instance: every finding, each way's verdict (its own checks with those
 * every way needs), and the best way that works.
 */
public record Report(Instance instance, List<Finding> findings) {

    public Report {
        findings = List.copyOf(findings);
    }

    /** The ways that apply to this instance, in the order the doctor prefers them. */
    public List<Way> ways() {
        List<Way> ways = new ArrayList<>();
        if (!instance.isManagedNode()) {
            ways.add(Way.DIRECT);
            if (instance.platform() != GuestOs.WINDOWS) {
                ways.add(Way.INSTANCE_CONNECT);
            }
            ways.add(Way.ENDPOINT);
        }
        ways.add(Way.SESSION_MANAGER);
        return ways;
    }

    /** What the doctor found about {@code way}: the checks every way needs first, then its own. */
    public List<Finding> about(Way way) {
        // Windows login findings exist for Windows instances only, and every Remote Desktop way needs them.
        return findings.stream().filter(f -> f.way() == way || f.way() == Way.ANY || f.way() == Way.WINDOWS_LOGIN)
                .toList();
    }

    public Verdict verdict(Way way) {
        return Verdict.all(about(way).stream().map(Finding::verdict).toList());
    }

    /** Each way and its verdict, in order. */
    public Map<Way, Verdict> verdicts() {
        Map<Way, Verdict> all = new LinkedHashMap<>();
        ways().forEach(w -> all.put(w, verdict(w)));
        return all;
    }

    /** Whether the instance logs in with Remote Desktop. */
    public boolean windows() {
        return instance.platform() == GuestOs.WINDOWS;
    }

    /** The findings made for {@code way} alone (not those every way shares). */
    public List<Finding> own(Way way) {
        return findings.stream().filter(f -> f.way() == way).toList();
    }

    /**
     * The first way that works, which double-click uses; when none does, the first one only a
     * permission that could not be checked stands in the way of (many identities may not ask IAM's
     * policy simulation, and trying is then the one way to know).
     */
    public Optional<Way> best() {
        return ways().stream().filter(w -> verdict(w) == Verdict.WORKS).findFirst()
                .or(() -> ways().stream().filter(w -> about(w).stream().allMatch(f -> f.verdict() == Verdict.WORKS
                        || f.verdict() == Verdict.UNKNOWN && PERMISSIONS.contains(f.check()))).findFirst());
    }

    /**
     * The checks that are unknown only where IAM's policy simulation may not be asked (Instance
     * Connect's permission is then tried for real, so its unknown means something else).
     */
    private static final Set<String> PERMISSIONS = Set.of("session-permission");

    /** The report as data for {@code --json}: the instance, the best way, each way with its checks. */
    public Map<String, Object> asData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instanceId", instance.id());
        data.put("name", instance.name());
        data.put("region", instance.region());
        data.put("best", best().map(Way::id).orElse(null));
        List<Map<String, Object>> ways = new ArrayList<>();
        for (Way w : ways()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("way", w.id());
            one.put("verdict", verdict(w).name().toLowerCase(Locale.ROOT));
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Finding f : about(w)) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("check", f.check());
                c.put("verdict", f.verdict().name().toLowerCase(Locale.ROOT));
                c.put("reason", f.reason());
                if (!f.fix().isEmpty()) {
                    c.put("fix", f.fix());
                }
                if (!f.policy().isEmpty()) {
                    c.put("policy", f.policy());
                }
                checks.add(c);
            }
            one.put("checks", checks);
            ways.add(one);
        }
        data.put("ways", ways);
        return data;
    }
}
