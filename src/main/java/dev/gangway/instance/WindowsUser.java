package dev.gangway.instance;

import java.util.Locale;
import java.util.Map;

/**
 * The built-in administrator account of a Windows AMI, which is the account GetPasswordData's
 * password belongs to. Windows renames it in some languages ("The name of the administrator account
 * depends on the language of the OS": Administrator, Administrateur, Administrador), and AWS names
 * its localised AMIs after the language ({@code Windows_Server-2022-French-Full-Base-...}).
 */
public final class WindowsUser {

    public static final String ADMINISTRATOR = "Administrator";

    /**
     * The languages of AWS's localised Windows AMIs whose built-in account is not "Administrator"
     * (Microsoft's localised names of the well-known account, RID 500). German, Italian, Dutch,
     * Polish, Turkish, Japanese, Korean and Chinese Windows keep "Administrator".
     */
    static final Map<String, String> RENAMED = Map.of(
            "french", "Administrateur",
            "spanish", "Administrador",
            "portuguese", "Administrador",
            "swedish", "Administratör",
            "finnish", "Järjestelmänvalvoja",
            "hungarian", "Rendszergazda",
            "czech", "Administrátor",
            "russian", "Администратор");

    private WindowsUser() {
    }

    /** The account for an AMI, from its name; "Administrator" when the name is unknown or names no such language. */
    public static String forImage(String imageName) {
        if (imageName == null) {
            return ADMINISTRATOR;
        }
        // Words of the name: Windows_Server-2022-Portuguese_Brazil-Full-Base -> windows, server, 2022, portuguese, ...
        for (String word : imageName.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            String renamed = RENAMED.get(word);
            if (renamed != null) {
                return renamed;
            }
        }
        return ADMINISTRATOR;
    }
}
