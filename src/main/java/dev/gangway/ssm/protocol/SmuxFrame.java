package dev.gangway.ssm.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One smux v1 frame, as Session Manager's multiplexed port forwarding carries them over the data
 * channel (Output payloads, the frames a continuous byte stream cut anywhere): an 8-byte header,
 * little-endian (version 1, command, data length, stream id), then the data. The client opens
 * odd-numbered streams from 3; keepalive NOPs use stream 0.
 */
public record SmuxFrame(Command command, long streamId, byte[] data) {

    public static final int VERSION = 1;
    public static final int HEADER = 8;
    /** The largest data a frame carries (smux's MaxFrameSize). */
    public static final int MAX_DATA = 32768;
    /** smux's keepalive interval (a NOP every 10 s) and timeout (30 s), in smux seconds: see {@link #keepAliveUnit}. */
    public static final int KEEPALIVE_INTERVAL = 10;
    public static final int KEEPALIVE_TIMEOUT = 30;

    /**
     * How long one of smux's keepalive seconds lasts, in milliseconds: 1000, or what the system
     * property {@code gangway.smuxSecondMillis} says, read when a session starts. For tests only: the
     * idle-tunnel test plays 75 of smux's seconds in 7.5 s, with client and sandbox agent scaled
     * alike.
     */
    public static long keepAliveUnit() {
        // Never longer than a real second: slower NOPs than a real agent's timeout would end tunnels.
        return Math.min(1000, Math.max(1, Long.getLong("gangway.smuxSecondMillis", 1000)));
    }

    /** What a frame does: open a stream, close it, carry its data, or keep the session alive. */
    public enum Command {
        SYN(0), FIN(1), PSH(2), NOP(3);

        private final int code;

        Command(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public SmuxFrame {
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("an smux frame carries at most 65535 bytes, not " + data.length);
        }
    }

    public static SmuxFrame syn(long streamId) {
        return new SmuxFrame(Command.SYN, streamId, new byte[0]);
    }

    public static SmuxFrame fin(long streamId) {
        return new SmuxFrame(Command.FIN, streamId, new byte[0]);
    }

    public static SmuxFrame psh(long streamId, byte[] data) {
        return new SmuxFrame(Command.PSH, streamId, data);
    }

    public static SmuxFrame nop() {
        return new SmuxFrame(Command.NOP, 0, new byte[0]);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) VERSION).put((byte) command.code()).putShort((short) data.length).putInt((int) streamId).put(data);
        return b.array();
    }

    /** The smux frames of {@code data} for stream {@code streamId}, at most {@link #MAX_DATA} bytes each. */
    public static List<SmuxFrame> pshAll(long streamId, byte[] data, int offset, int length) {
        List<SmuxFrame> frames = new ArrayList<>();
        for (int i = 0; i < length; i += MAX_DATA) {
            frames.add(psh(streamId, Arrays.copyOfRange(data, offset + i, offset + Math.min(length, i + MAX_DATA))));
        }
        return frames;
    }

    /** A frame that breaks smux v1: the session cannot go on. */
    public static final class ProtocolError extends Exception {
        public ProtocolError(String message) {
            super(message);
        }
    }

    /**
     * Reassembles frames from a byte stream cut anywhere (the data channel's messages): bytes go in
     * as they come, whole frames come out in order.
     */
    public static final class Reader {
        private byte[] pending = new byte[0];

        /** Takes {@code bytes} in; returns the frames now complete. */
        public List<SmuxFrame> feed(byte[] bytes) throws ProtocolError {
            byte[] all = new byte[pending.length + bytes.length];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(bytes, 0, all, pending.length, bytes.length);
            List<SmuxFrame> frames = new ArrayList<>();
            int at = 0;
            while (all.length - at >= HEADER) {
                ByteBuffer h = ByteBuffer.wrap(all, at, HEADER).order(ByteOrder.LITTLE_ENDIAN);
                int version = h.get() & 0xFF;
                int cmd = h.get() & 0xFF;
                int length = h.getShort() & 0xFFFF;
                long sid = h.getInt() & 0xFFFFFFFFL;
                if (version != VERSION) {
                    throw new ProtocolError("smux version " + version + " (only 1 is spoken)");
                }
                if (cmd > Command.NOP.code()) {
                    throw new ProtocolError("smux command " + cmd + " is not part of version 1");
                }
                if (all.length - at - HEADER < length) {
                    break;
                }
                frames.add(new SmuxFrame(Command.values()[cmd], sid,
                        Arrays.copyOfRange(all, at + HEADER, at + HEADER + length)));
                at += HEADER + length;
            }
            pending = Arrays.copyOfRange(all, at, all.length);
            return frames;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmuxFrame f && f.command == command && f.streamId == streamId && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * command.hashCode() + Long.hashCode(streamId)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SmuxFrame[" + command + " " + streamId + ", " + data.length + " bytes]";
    }
}
