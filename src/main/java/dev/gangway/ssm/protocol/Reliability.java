package dev.gangway.ssm.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The data channel's reliability layer for one side, without threads or sockets: sequence numbers
 * for what it sends, an outgoing buffer resent after the retransmission timeout (RFC 6298
 * estimates, as the plugin and the agent compute them; no sample from a resent message, as Karn's
 * rule has it): the oldest message, as the plugin and the agent resend, and also every other
 * message that a later one overtook (the other side acknowledged a later message, so this one was
 * lost, not queued behind a slow link). Resending only the oldest lets one lost message hold up
 * every connection of a tunnel for as long as the losses before it take. For what it receives, in-order
 * delivery through an out-of-order buffer, every stream message acknowledged, duplicates and old
 * messages acknowledged again (as the agent does, so that a lost acknowledgement cannot make the
 * other side resend forever). The caller owns the clock, the socket and the thread.
 */
public final class Reliability {

    static final double INITIAL_RTT = 100;
    static final double INITIAL_RTO = 200;
    static final double RTT_GAIN = 1.0 / 8;
    static final double RTTVAR_GAIN = 1.0 / 4;
    static final double CLOCK_GRANULARITY = 10;
    static final double MAX_RTO = 1000;
    /** After this many resends of one message the session is given up, as the plugin does (about 5 min). */
    static final int MAX_RESENDS = 3000;
    static final int BUFFER_CAPACITY = 10_000;
    /** At most this many messages are resent at one tick, oldest first, so that a dead channel is not flooded. */
    static final int MAX_RESENT_AT_ONCE = 512;

    /** What came in: the acknowledgements to send, the stream messages now in order, acknowledgements received. */
    public record Received(List<ClientMessage> acknowledgements, List<ClientMessage> delivered) {
    }

    private static final class Sent {
        final ClientMessage message;
        final byte[] frame;
        long lastSent;
        int resends;

        Sent(ClientMessage message, long now) {
            this.message = message;
            this.frame = message.encode();
            this.lastSent = now;
        }
    }

    private final String sendType;
    private final Supplier<UUID> ids;
    /** Unacknowledged messages by sequence number, oldest first. */
    private final LinkedHashMap<Long, Sent> outgoing = new LinkedHashMap<>();
    private final TreeMap<Long, ClientMessage> outOfOrder = new TreeMap<>();
    private long nextSequence;
    /** The highest sequence number the other side acknowledged: unacknowledged messages below it were lost. */
    private long highestAcknowledged = -1;
    private long expectedSequence;
    private double rtt = INITIAL_RTT;
    private double rttVariance;
    private double rto = INITIAL_RTO;

    /**
     * @param sendType {@code input_stream_data} for a client, {@code output_stream_data} for an agent
     * @param ids      fresh message ids (random UUIDs; tests give fixed ones)
     */
    public Reliability(String sendType, Supplier<UUID> ids) {
        this.sendType = sendType;
        this.ids = ids;
    }

    /** The client's side: it sends {@code input_stream_data}. */
    public static Reliability client() {
        return new Reliability(ClientMessage.INPUT_STREAM_DATA, UUID::randomUUID);
    }

    /** Whether the outgoing buffer has room for another message (else wait for acknowledgements). */
    public boolean canSend() {
        return outgoing.size() < BUFFER_CAPACITY;
    }

    /** A stream message with the next sequence number, kept until acknowledged; its frame is to be written now. */
    public byte[] send(PayloadType type, byte[] payload, long now) {
        if (!canSend()) {
            throw new IllegalStateException("the outgoing buffer is full: wait for acknowledgements");
        }
        // The agent marks its first message with flag 1; the client's are all 0.
        long flags = nextSequence == 0 && ClientMessage.OUTPUT_STREAM_DATA.equals(sendType) ? 1 : 0;
        ClientMessage m = ClientMessage.of(sendType, nextSequence++, flags, type, payload, now, ids.get());
        Sent sent = new Sent(m, now);
        outgoing.put(m.sequenceNumber(), sent);
        return sent.frame.clone();
    }

    /**
     * What to resend at {@code now}, unchanged (same id, date and digest), oldest first: the oldest
     * unacknowledged message once the timeout passed, and each later one that has waited as long
     * while a message after it was acknowledged. Messages merely queued behind a slow link are not
     * resent, as nothing after them has come through either.
     */
    public List<byte[]> due(long now) {
        List<byte[]> due = new ArrayList<>();
        boolean head = true;
        for (Sent s : outgoing.values()) {
            if (due.size() == MAX_RESENT_AT_ONCE || !head && s.message.sequenceNumber() > highestAcknowledged) {
                break;
            }
            if (now - s.lastSent > rto) {
                s.lastSent = now;
                s.resends++;
                due.add(s.frame.clone());
            }
            head = false;
        }
        return due;
    }

    /**
     * Everything unacknowledged, oldest first, to send again on a new channel: what was in flight on
     * the old one is lost with it, behind the oldest or not.
     */
    public List<byte[]> resendAll(long now) {
        List<byte[]> all = new ArrayList<>(outgoing.size());
        for (Sent s : outgoing.values()) {
            s.lastSent = now;
            s.resends++;
            all.add(s.frame.clone());
        }
        return all;
    }

    /** Whether the oldest message was resent so often that the other side is gone. */
    public boolean gaveUp() {
        Iterator<Sent> it = outgoing.values().iterator();
        return it.hasNext() && it.next().resends >= MAX_RESENDS;
    }

    /** Messages sent and not yet acknowledged. */
    public int unacknowledged() {
        return outgoing.size();
    }

    /** The retransmission timeout now, in milliseconds. */
    public double retransmissionTimeout() {
        return rto;
    }

    /**
     * Takes in one decoded message: an acknowledgement updates the timeout and frees its message;
     * a stream message is acknowledged and delivered in order. Other types are returned untouched in
     * {@code delivered} for the caller ({@code channel_closed}, publication pauses).
     */
    public Received receive(ClientMessage m, long now) {
        if (ClientMessage.ACKNOWLEDGE.equals(m.messageType())) {
            try {
                acknowledged(Acknowledgement.read(m.payload()).sequenceNumber(), now);
            } catch (IOException e) {
                // An acknowledgement we cannot read frees nothing; the message is resent and acked again.
            }
            return new Received(List.of(), List.of());
        }
        if (!m.messageType().endsWith("_stream_data")) {
            return new Received(List.of(), List.of(m));
        }
        ClientMessage ack = Acknowledgement.of(m).message(now, ids.get());
        long seq = m.sequenceNumber();
        if (seq < expectedSequence) {
            return new Received(List.of(ack), List.of());
        }
        if (seq > expectedSequence) {
            if (outOfOrder.size() < BUFFER_CAPACITY || outOfOrder.containsKey(seq)) {
                outOfOrder.put(seq, m);
                return new Received(List.of(ack), List.of());
            }
            // No room: not acknowledged, so the other side sends it again later.
            return new Received(List.of(), List.of());
        }
        List<ClientMessage> delivered = new ArrayList<>();
        delivered.add(m);
        expectedSequence++;
        ClientMessage next;
        while ((next = outOfOrder.remove(expectedSequence)) != null) {
            delivered.add(next);
            expectedSequence++;
        }
        return new Received(List.of(ack), delivered);
    }

    private void acknowledged(long sequence, long now) {
        highestAcknowledged = Math.max(highestAcknowledged, sequence);
        Sent s = outgoing.remove(sequence);
        if (s != null && s.resends == 0) {
            // Karn's rule: an acknowledgement of a resent message could answer either sending.
            updateTimeout(now - s.lastSent);
        }
    }

    /** RFC 6298's estimates, with the plugin's constants. */
    void updateTimeout(double sample) {
        rttVariance = (1 - RTTVAR_GAIN) * rttVariance + RTTVAR_GAIN * Math.abs(rtt - sample);
        rtt = (1 - RTT_GAIN) * rtt + RTT_GAIN * sample;
        rto = Math.min(rtt + Math.max(CLOCK_GRANULARITY, 4 * rttVariance), MAX_RTO);
    }
}
