package dev.gangway.sandbox.ec2;

import java.util.List;
import java.util.Locale;

import dev.gangway.sandbox.world.Machine;

/** The system log GetConsoleOutput returns: a short boot log, with cloud-init's host-key block for Linux. */
final class ConsoleOutput {

    private ConsoleOutput() {
    }

    static String render(Machine m) {
        StringBuilder out = new StringBuilder();
        if (m.windows()) {
            out.append("2026/03/01 09:16:02Z: Windows sandbox instance ").append(m.id).append('\n')
                    .append("2026/03/01 09:16:40Z: EC2Launch: Windows is being configured.\n")
                    .append("2026/03/01 09:18:52Z: RDPCERTIFICATE-SUBJECTNAME: EC2AMAZ-").append(m.id.substring(2, 9).toUpperCase(Locale.ROOT)).append('\n')
                    .append("2026/03/01 09:18:52Z: RDPCERTIFICATE-THUMBPRINT: ").append(m.rdpThumbprint()).append('\n')
                    .append("2026/03/01 09:19:11Z: Message: Windows is Ready to use\n");
            return out.toString();
        }
        String host = m.privateIp == null ? m.id : "ip-" + m.privateIp.replace('.', '-');
        out.append("[    0.000000] Linux version 6.1.119-129.201.amzn2023.x86_64 (sandbox)\n")
                .append("[    2.412345] systemd[1]: Started cloud-init.service.\n")
                .append("Cloud-init v. 22.2.2 running 'modules:final' at Sun, 01 Mar 2026 09:16:30 +0000.\n");
        List<String> hostKeys = m.hostKeyConsole();
        if (!hostKeys.isEmpty()) {
            out.append("ec2: \nec2: #############################################################\n")
                    .append("ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n");
            for (String line : hostKeys) {
                if (!line.startsWith("key ")) {
                    out.append("ec2: ").append(line).append('\n');
                }
            }
            out.append("ec2: -----END SSH HOST KEY FINGERPRINTS-----\n")
                    .append("ec2: #############################################################\n")
                    .append("-----BEGIN SSH HOST KEY KEYS-----\n");
            for (String line : hostKeys) {
                if (line.startsWith("key ")) {
                    out.append(line.substring(4)).append(" root@").append(host).append('\n');
                }
            }
            out.append("-----END SSH HOST KEY KEYS-----\n");
        }
        out.append("Cloud-init v. 22.2.2 finished at Sun, 01 Mar 2026 09:16:31 +0000. Datasource DataSourceEc2.  Up 9.12 seconds\n");
        return out.toString();
    }
}
