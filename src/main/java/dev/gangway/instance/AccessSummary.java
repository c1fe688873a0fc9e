package dev.gangway.instance;

/**
 * The detail pane's one-line answer to "can I get in now, and how": the instance's state, its
 * addresses, its security-group rules for the user's IP and its SSM agent weighed together, from
 * what the listing already knows (no AWS call). The connection doctor checks the rest (routes, network
 * ACLs, endpoints, permissions).
 *
 * @param level    the mark beside the sentence
 * @param sentence what a user reads
 * @param exposure what the rules say of the login port; null when they do not matter (not running,
 *                 no public address, a managed node)
 */
public record AccessSummary(Level level, String sentence, PortExposure exposure) {

    public enum Level {
        /** A way in works as far as the listing can tell (✔). */
        OPEN,
        /** It works, but for anyone on the internet (⚠). */
        OPEN_TO_ANYONE,
        /** Nothing reaches it from here until something changes (✖). */
        CLOSED,
        /** Not running: nothing reaches it in this state, and nothing is wrong with it (●). */
        NOT_RUNNING
    }

    public static AccessSummary of(Instance instance, String myIp) {
        String name = instance.displayName();
        boolean windows = instance.platform() == GuestOs.WINDOWS;
        if (instance.isManagedNode()) {
            // No security groups: its agent connects out to AWS, and Session Manager is the way in.
            return instance.sessionManagerOnline()
                    ? new AccessSummary(Level.OPEN, "A managed node outside EC2: Session Manager reaches it, its SSM "
                            + "agent connecting out to AWS. No port needs to be open.", null)
                    : new AccessSummary(Level.CLOSED, "A managed node outside EC2, reached only through Session "
                            + "Manager, and its SSM agent is not connected.", null);
        }
        switch (instance.state()) {
            case RUNNING -> {
                // below
            }
            case TERMINATED -> {
                return new AccessSummary(Level.NOT_RUNNING, name + " is terminated: it never runs again, and "
                        + "nothing can reach it. EC2 stops listing it within the hour.", null);
            }
            case SHUTTING_DOWN -> {
                return new AccessSummary(Level.NOT_RUNNING, name + " is being terminated: it never runs again, "
                        + "and nothing can reach it.", null);
            }
            case STOPPED -> {
                return new AccessSummary(Level.NOT_RUNNING, name + " is stopped: nothing reaches it until it is "
                        + "started (Start… in its menu; it is billed while it runs). How to reach it shows once it "
                        + "runs.", null);
            }
            case STOPPING -> {
                return new AccessSummary(Level.NOT_RUNNING, name + " is stopping: nothing reaches it until it is "
                        + "started again.", null);
            }
            case PENDING -> {
                // What its rules will say once it runs, when it has an address they apply to.
                PortExposure e = instance.hasPublicAddress() ? PortExposure.evaluate(instance, myIp) : null;
                return new AccessSummary(Level.NOT_RUNNING, name + " is starting: it takes connections once it "
                        + "runs, usually within a minute." + (e == null ? "" : " " + e.sentence()), e);
            }
            default -> {
                return new AccessSummary(Level.NOT_RUNNING, name + "'s state is unknown: refresh to see it.", null);
            }
        }
        String viaAgent = windows
                ? "Its SSM agent is online: Remote Desktop goes through Session Manager, which needs no open port."
                : "Its SSM agent is online: double-click opens Session Manager, which needs no open port.";
        if (!instance.hasPublicAddress()) {
            if (instance.sessionManagerOnline()) {
                return new AccessSummary(Level.OPEN, "No public address: only its VPC reaches it directly. "
                        + viaAgent, null);
            }
            return new AccessSummary(Level.CLOSED, "No public address: " + name + " is reachable only from inside "
                    + "its VPC (or over a VPN to it), through an Instance Connect Endpoint in its VPC, or through "
                    + "Session Manager once its SSM agent is online. The connection doctor (in its menu) checks "
                    + "each way.", null);
        }
        PortExposure e = PortExposure.evaluate(instance, myIp);
        boolean open = e.verdict() == PortExposure.Verdict.OPEN_TO_YOU || e.verdict() == PortExposure.Verdict.OPEN_TO_ANYONE;
        if (!open && instance.sessionManagerOnline()) {
            return new AccessSummary(Level.OPEN, e.sentence() + " " + viaAgent, e);
        }
        return new AccessSummary(switch (e.verdict()) {
            case OPEN_TO_YOU -> Level.OPEN;
            case OPEN_TO_ANYONE -> Level.OPEN_TO_ANYONE;
            default -> Level.CLOSED;
        }, e.sentence(), e);
    }
}
