package dev.gangway.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Just enough of a Remote Desktop server to see what a client does with its certificate: it answers
 * the client's X.224 connection request choosing TLS (MS-RDPBCGR 2.2.1.2), completes the TLS
 * handshake with a self-signed certificate made by keytool, and reports whether the client then
 * went on (sent its MCS Connect Initial) or hung up.
 */
public final class FakeRdpServer implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    /** The certificate's SHA-1 thumbprint, as Windows prints it. */
    public final String thumbprint;
    /** Completes with true when the client sent data after the handshake, false when it hung up. */
    public final CompletableFuture<Boolean> clientWentOn = new CompletableFuture<>();

    public FakeRdpServer(Path dir) throws Exception {
        Path store = dir.resolve("rdp-cert.p12");
        Files.deleteIfExists(store);
        OpenSshServer.run("keytool", "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "rdp", "-dname",
                "CN=EC2AMAZ-TEST", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        thumbprint = HexFormat.of().withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(keys.getCertificate("rdp").getEncoded()));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serveOne, "fake-rdp");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serveOne() {
        try (Socket s = server.accept()) {
            s.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] tpkt = new byte[4];
            in.readFully(tpkt);
            in.readFully(new byte[(((tpkt[2] & 0xff) << 8) | (tpkt[3] & 0xff)) - 4]);
            // TPKT, X.224 Connection Confirm, RDP_NEG_RSP selecting PROTOCOL_SSL (TLS without NLA).
            s.getOutputStream().write(new byte[] {3, 0, 0, 19, 14, (byte) 0xd0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 1, 0, 0, 0});
            s.getOutputStream().flush();
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true)) {
                secure.setUseClientMode(false);
                secure.startHandshake();
                clientWentOn.complete(secure.getInputStream().read() >= 0);
            }
        } catch (IOException e) {
            // The client hung up during or right after the handshake.
            clientWentOn.complete(false);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
