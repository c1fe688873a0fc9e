package dev.gangway.lifecycle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.gangway.common.ShellWords;

/**
 * The OpenSSH command line that reaches an instance the way Gangway would: to its address, or with
 * a {@code ProxyCommand} through {@code gangway forward --stdio} for the tunnel routes (the host is
 * then the instance id, which names its entry in known_hosts, as Gangway names it).
 */
public final class SshCommandLine {

    /** How the connection is carried. */
    public enum Carrier { ADDRESS, SESSION_MANAGER, ENDPOINT }

    private SshCommandLine() {
    }

    /**
     * @param host      the address (ADDRESS), else ignored: the instance id is the host
     * @param cloud     the options that find the instance again ({@link #cloud}: "--profile prod
     *                  --region eu-west-1", "--sandbox")
     */
    public static String of(Carrier carrier, String instanceId, String host, int port, String user, Path key,
            String cloud) {
        List<String> words = new ArrayList<>();
        words.add("ssh");
        if (key != null) {
            words.add("-i");
            words.add(ShellWords.quote(key.toString()));
        }
        if (carrier != Carrier.ADDRESS) {
            String via = carrier == Carrier.ENDPOINT ? "eice" : "ssm";
            words.add("-o");
            words.add(ShellWords.quote("ProxyCommand=gangway forward %h %p " + (cloud.isBlank() ? "" : cloud + " ") + "--via " + via
                    + " --stdio"));
        }
        if (port != 22) {
            words.add("-p");
            words.add(Integer.toString(port));
        }
        words.add(ShellWords.quote((user == null ? "" : user + "@") + (carrier == Carrier.ADDRESS ? host : instanceId)));
        return String.join(" ", words);
    }

    /**
     * The options that find an instance again in a shell: {@code --sandbox}, or its profile and
     * region in the command line's own spelling ({@code --profile}: {@code -p} is the port).
     */
    public static String cloud(boolean sandbox, String profile, String region) {
        return sandbox ? "--sandbox"
                : "--profile " + ShellWords.quote(profile) + " --region " + ShellWords.quote(region);
    }
}
