package dev.gangway.sandbox.ssm;

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
    }

    /** Bytes from the client (Output payloads, in order). */
    void feed(byte[] bytes) throws SmuxFrame.ProtocolError;

    /** Flag DisconnectToPort: the client's connection ended (basic mode). */
    void disconnect();

    void close();
}
