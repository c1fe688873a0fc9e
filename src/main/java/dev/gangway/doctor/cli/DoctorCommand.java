package dev.gangway.doctor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.common.HostOs;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.doctor.Doctor;
import dev.gangway.doctor.Finding;
import dev.gangway.doctor.Report;
import dev.gangway.doctor.Verdict;
import dev.gangway.doctor.Way;
import dev.gangway.rdp.RdpLaunchers;

/** {@code gangway doctor}: every way into an instance, whether it works, why not, and the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks every way into an instance: works or not, and the fix.",
                "The ways are checked at once (to its address, EC2 Instance Connect, an Instance Connect Endpoint, "
                + "Session Manager; for Windows also its password and a Remote Desktop client); each is said to "
                + "work or not, with the exact reason and the fix. Changes nothing in your account "
                + "(it pushes a one-time key to test Instance Connect, which lapses after 60 s, and opens and closes "
                + "one tunnel through an endpoint).",
                "Exit status: 0 when a way in works; 1 when none does (or the instance cannot be found); 2 bad "
                        + "arguments."})
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Option(names = {"-i", "--key"}, paramLabel = "FILE", description = "The key pair's private key, if not in ~/.ssh.")
    Path key;

    @Option(names = "--json", description = "Print the report as JSON (each way, its verdict and its checks).")
    boolean json;

    HostOs os = HostOs.current();
    RdpLaunchers.Probe probe = RdpLaunchers.Probe.system();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstanceOptions.requireKeyFile(key);
        try (InstanceContext context = instanceOptions.open(err)) {
            ConnectOptions options = context.loginOptions(key);
            Doctor doctor = new Doctor(new Doctor.Environment(context.connect().access(), context.cloud().publicIp(),
                    options.key(), options.keyFolders(), os, probe,
                    context.cloud().isSandbox() ? Doctor.Dialer.loopbackOnly() : Doctor.Dialer.network()));
            Report report;
            try {
                report = doctor.examine(context.instance(), f -> { }).get(2, TimeUnit.MINUTES);
            } finally {
                doctor.close();
            }
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report.asData()));
            } else {
                print(report, out);
            }
            out.flush();
            return report.best().isPresent() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static void print(Report report, PrintWriter out) {
        boolean windows = report.windows();
        out.println(report.instance().label() + " in " + report.instance().region());
        out.println(report.best().map(w -> "Best way in: " + w.title(windows) + ".")
                .orElse("No way in works yet: the fixes are below."));
        out.println();
        out.println("Every way needs:");
        report.own(Way.ANY).forEach(f -> print(f, out));
        report.own(Way.WINDOWS_LOGIN).forEach(f -> print(f, out));
        for (Map.Entry<Way, Verdict> w : report.verdicts().entrySet()) {
            out.println();
            out.println(w.getKey().title(windows) + ": " + w.getValue().words());
            report.own(w.getKey()).forEach(f -> print(f, out));
        }
    }

    private static void print(Finding f, PrintWriter out) {
        out.println("  " + mark(f.verdict()) + " " + f.title() + ": " + f.reason());
        if (!f.fix().isEmpty() && f.verdict() != Verdict.WORKS) {
            out.println("      Fix: " + f.fix());
        }
        if (!f.policy().isEmpty()) {
            f.policy().lines().forEach(l -> out.println("      " + l));
        }
    }

    private static String mark(Verdict v) {
        return switch (v) {
            case WORKS -> "[ok]";
            case FAILS -> "[no]";
            case UNKNOWN -> "[? ]";
        };
    }
}
