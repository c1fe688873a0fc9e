package dev.gangway.lifecycle;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.common.ChildEnvironment;
import dev.gangway.common.HostOs;
import dev.gangway.instance.Instance;

/** Where the AWS console shows an instance (EC2's instance page, or Systems Manager's for a managed node). */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** The command that opens {@code url} in the user's browser on {@code os}. */
    public static List<String> browserCommand(HostOs os, String url) {
        return switch (os) {
            case LINUX -> List.of("xdg-open", url);
            case MAC -> List.of("open", url);
            case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler", url);
        };
    }

    /** Opens {@code url} in the user's browser (the OS's own way); quietly nothing where there is none. */
    public static void open(String url) {
        try {
            ChildEnvironment.apply(new ProcessBuilder(browserCommand(HostOs.current(), url))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Logger.getLogger(ConsoleLinks.class.getName()).log(Level.INFO, "no browser to open " + url, e);
        }
    }

    public static String instance(Instance instance) {
        String region = URLEncoder.encode(instance.region(), StandardCharsets.UTF_8);
        String id = URLEncoder.encode(instance.id(), StandardCharsets.UTF_8);
        if (instance.isManagedNode()) {
            return "https://" + region + ".console.aws.amazon.com/systems-manager/fleet-manager/managed-nodes/" + id
                    + "/general?region=" + region;
        }
        return "https://" + region + ".console.aws.amazon.com/ec2/home?region=" + region + "#InstanceDetails:instanceId="
                + id;
    }
}
