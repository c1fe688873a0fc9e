package dev.gangway.sandbox.ssm;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;
import dev.gangway.ssm.protocol.PayloadType;
import dev.gangway.ssm.protocol.PortMode;
import dev.gangway.ssm.protocol.SessionDocuments;
import dev.gangway.ssm.protocol.ShellPayloads;
import dev.gangway.ssm.protocol.SmuxFrame;

/** The agent's side of a port session: the client's bytes to the destination and back, in one of the two modes. */
interface PortBridge {

    /** Where the bridge's bytes go: Output messages of the data channel, the error flag, the session's end. */
    interface Channel {
        /** Sends {@code bytes} in Output messages of at most 1024 bytes, none of another send between them. */
        void send(byte[] bytes);

        /** Flag ConnectToPortError: the destination could not be reached. */
        void connectError();

        /** Ends the session, with {@code why} as channel_closed's Output. */
        void end(String why);

        /**
         * A channel over the session's {@code send} (stream messages) and {@code end}: bytes in Output
         * messages of at most 1024 bytes, none of another send between them; the error as a Flag.
         */
        static Channel over(BiConsumer<PayloadType, byte[]> send, Consumer<String> end) {
            Object sending = new Object();
            return new Channel() {
                @Override
                public void send(byte[] bytes) {
                    synchronized (sending) {
                        for (int i = 0; i < bytes.length; i += 1024) {
                            send.accept(PayloadType.OUTPUT, Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 1024)));
                        }
                    }
                }

                @Override
                public void connectError() {
                    send.accept(PayloadType.FLAG, ShellPayloads.flag(ShellPayloads.CONNECT_TO_PORT_ERROR));
                }

                @Override
                public void end(String why) {
                    end.accept(why);
                }
            };
        }
    }

    /**
     * The bridge of port session {@code ssm}, multiplexed or basic as the agent chooses from the
     * versions, its destination the node's port (or the remote host's) on loopback.
     */
    static PortBridge open(SsmSession ssm, SandboxWorld world, String agentVersion, String clientVersion, Channel out) {
        String host = ssm.parameters().get("host");
        int remotePort = Integer.parseInt(ssm.parameters().get("portNumber"));
        boolean forwards = SessionDocuments.forwardsPorts(ssm.document());
        Supplier<Optional<Integer>> destination = () -> world.serviceFor(ssm.target(), host, remotePort);
        String type = forwards ? PortMode.LOCAL_PORT_FORWARDING : null;
        return PortMode.agent(type, agentVersion, clientVersion) == PortMode.MULTIPLEXED
                ? new PortMux(out, destination, PortMode.agentKeepAlive(agentVersion, clientVersion))
                : new PortBasic(out, destination, forwards);
    }

    /** Bytes from the client (Output payloads, in order). */
    void feed(byte[] bytes) throws SmuxFrame.ProtocolError;

    /** Flag DisconnectToPort: the client's connection ended (basic mode). */
    void disconnect();

    void close();
}
