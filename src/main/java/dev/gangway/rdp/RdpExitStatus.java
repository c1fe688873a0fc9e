package dev.gangway.rdp;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Remote Desktop client's exit status means, in words, where the client documents it:
 * FreeRDP's (its client's exit codes, the same for xfreerdp and wlfreerdp 2 and 3). A number alone
 * ("status 140") told the user nothing.
 */
public final class RdpExitStatus {

    private static final Map<Integer, String> FREERDP = Map.ofEntries(
            Map.entry(1, "disconnected, or it could not start"),
            Map.entry(2, "the user logged off"),
            Map.entry(3, "the session was idle too long"),
            Map.entry(4, "the logon timed out"),
            Map.entry(5, "another connection took the session over"),
            Map.entry(7, "the server refused the connection"),
            Map.entry(9, "the user may not log in remotely"),
            Map.entry(128, "the client did not accept its arguments"),
            Map.entry(131, "the connection failed"),
            Map.entry(132, "authentication failed"),
            Map.entry(133, "the client and the server agreed on no security protocol"),
            Map.entry(134, "the logon failed: check the user and the password"),
            Map.entry(135, "the account is locked out"),
            Map.entry(139, "the DNS lookup failed"),
            Map.entry(140, "no such host name"),
            Map.entry(141, "nothing answered on the port: it is closed or filtered on the way, or Remote Desktop "
                    + "is not running"),
            Map.entry(143, "the TLS handshake failed"),
            Map.entry(145, "the connection was cancelled"),
            Map.entry(147, "the connection was cut before the session began"),
            Map.entry(148, "the password has expired"),
            Map.entry(149, "the password must be changed first"),
            Map.entry(151, "the account is disabled"),
            Map.entry(154, "the password is wrong"),
            Map.entry(155, "access was denied"),
            Map.entry(157, "the account has expired"),
            Map.entry(159, "no user or password was given"));

    private RdpExitStatus() {
    }

    /** FreeRDP's statuses for a connection that reached Windows, whose logon then failed. */
    private static final Set<Integer> LOGON = Set.of(132, 134, 135, 148, 149, 151, 154, 155, 157,
            159);

    /** Whether {@code status} says the client reached Windows and the logon failed (user, password, account). */
    public static boolean logonFailed(String client, int status) {
        return client != null && client.startsWith("FreeRDP") && LOGON.contains(status);
    }

    /** What {@code status} of {@code client} ("FreeRDP", "Remmina", ...) means, when it is known. */
    public static Optional<String> meaning(String client, int status) {
        return client != null && client.startsWith("FreeRDP") ? Optional.ofNullable(FREERDP.get(status))
                : Optional.empty();
    }

    /** "exit status 140: the host name could not be resolved", or "exit status 3" when unknown. */
    public static String describe(String client, int status) {
        return "exit status " + status + meaning(client, status).map(m -> ": " + m).orElse("");
    }
}
