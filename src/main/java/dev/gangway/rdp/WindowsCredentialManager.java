package dev.gangway.rdp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Windows Credential Manager entry mstsc logs in with ({@code TERMSRV/<host>}), written with
 * CredWriteW as {@code cmdkey /generic} does but without the password on any command line, and
 * deleted with CredDeleteW once mstsc has started. Windows only.
 */
final class WindowsCredentialManager implements RdpRunner.CredentialStore {

    private static final int CRED_TYPE_GENERIC = 1;
    /** Until the user logs off: never written to the roaming profile. */
    private static final int CRED_PERSIST_SESSION = 1;

    interface Advapi32 extends StdCallLibrary {
        Advapi32 INSTANCE = Native.load("Advapi32", Advapi32.class, W32APIOptions.UNICODE_OPTIONS);

        boolean CredWriteW(Credential credential, int flags);

        boolean CredDeleteW(WString targetName, int type, int flags);
    }

    /** CREDENTIALW, field for field. */
    @Structure.FieldOrder({"Flags", "Type", "TargetName", "Comment", "LastWrittenLow", "LastWrittenHigh",
            "CredentialBlobSize", "CredentialBlob", "Persist", "AttributeCount", "Attributes", "TargetAlias", "UserName"})
    public static final class Credential extends Structure {
        public int Flags;
        public int Type;
        public WString TargetName;
        public WString Comment;
        public int LastWrittenLow;
        public int LastWrittenHigh;
        public int CredentialBlobSize;
        public Pointer CredentialBlob;
        public int Persist;
        public int AttributeCount;
        public Pointer Attributes;
        public WString TargetAlias;
        public WString UserName;
    }

    @Override
    public void store(String target, String user, char[] password) throws IOException {
        ByteBuffer utf16 = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] blob = new byte[utf16.remaining()];
        utf16.get(blob);
        if (utf16.hasArray()) {
            Arrays.fill(utf16.array(), (byte) 0);
        }
        Memory memory = new Memory(Math.max(1, blob.length));
        try {
            memory.write(0, blob, 0, blob.length);
            Credential c = new Credential();
            c.Type = CRED_TYPE_GENERIC;
            c.TargetName = new WString(target);
            c.UserName = new WString(user);
            c.CredentialBlobSize = blob.length;
            c.CredentialBlob = memory;
            c.Persist = CRED_PERSIST_SESSION;
            if (!Advapi32.INSTANCE.CredWriteW(c, 0)) {
                throw new IOException("Windows did not store the credential for " + target + " (error "
                        + Native.getLastError() + ").");
            }
        } finally {
            Arrays.fill(blob, (byte) 0);
            memory.clear();
            memory.close();
        }
    }

    @Override
    public void remove(String target) {
        Advapi32.INSTANCE.CredDeleteW(new WString(target), CRED_TYPE_GENERIC, 0);
    }
}
