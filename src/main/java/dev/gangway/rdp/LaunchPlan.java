package dev.gangway.rdp;

import java.nio.file.Path;
import java.util.List;

/**
 * How one Remote Desktop client is started for one connection, without running anything: the
 * command (never with a password in it), the .rdp file it reads, and how the password reaches it.
 *
 * @param client            the client's name as users know it ("Remmina", "mstsc")
 * @param command           what runs; the .rdp file's path is in it
 * @param rdp               the file's content
 * @param rdpFile           where the file is written (in a private folder, 0600) and deleted from once read
 * @param password          how the password reaches the client
 * @param credentialTarget  the Windows Credential Manager entry ({@code TERMSRV/host}) for {@link Handover#CREDENTIAL_STORE}
 * @param note              a sentence for the user about what happens with the password, or null
 * @param lastsAsLongAsSession whether the process started runs until the user ends the session
 *                          (mstsc, FreeRDP); not so for {@code open -a} on macOS, which returns at
 *                          once, nor Remmina, which hands the file to a Remmina already running
 */
public record LaunchPlan(String client, List<String> command, RdpFile rdp, Path rdpFile, Handover password,
                         String credentialTarget, String note, boolean lastsAsLongAsSession) {

    public LaunchPlan {
        command = List.copyOf(command);
    }

    public LaunchPlan(String client, List<String> command, RdpFile rdp, Path rdpFile, Handover password,
            String credentialTarget, String note) {
        this(client, command, rdp, rdpFile, password, credentialTarget, note, true);
    }

    /** How the password gets to the client. */
    public enum Handover {
        /** Written to the client's standard input (FreeRDP's {@code /from-stdin}). */
        STDIN,
        /** Put in the Windows Credential Manager as {@code TERMSRV/host} until the client has started (mstsc). */
        CREDENTIAL_STORE,
        /** The client takes none: the window puts it on the clipboard (cleared after 45 s). */
        CLIPBOARD
    }

    /** The plan as text for {@code gangway rdp --dry-run}: no password appears in it, as none is in a plan. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("Client:   ").append(client).append('\n');
        b.append("Command:  ").append(String.join(" ", command.stream().map(LaunchPlan::quote).toList())).append('\n');
        b.append("Password: ").append(switch (password) {
            case STDIN -> "written to the client's standard input";
            case CREDENTIAL_STORE -> "stored as " + credentialTarget + " in the Windows Credential Manager until the client has started";
            case CLIPBOARD -> "copied to the clipboard (cleared after 45 s); paste it when the client asks";
        }).append('\n');
        b.append("File:     ").append(rdpFile).append(" (0600, deleted once the client has read it)\n\n");
        b.append(rdp.text().replace("\r\n", "\n"));
        return b.toString();
    }

    private static String quote(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(c -> c == ' ' || c == '"' || c == '\'') ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }
}
