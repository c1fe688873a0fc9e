package dev.gangway.ssm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The data channel's reliability layer, driven by a virtual clock: nothing is lost, duplicated or reordered. */
class ReliabilityTest {

    final Random random = new Random(42);

    Reliability side(String type) {
        return new Reliability(type, () -> new UUID(random.nextLong(), random.nextLong()));
    }

    static ClientMessage decode(byte[] frame) throws Exception {
        return ClientMessage.decode(frame);
    }

    @Test
    void theTimeoutFollowsRfc6298WithThePluginsConstants() {
        Reliability r = side(ClientMessage.INPUT_STREAM_DATA);
        assertThat(r.retransmissionTimeout()).isEqualTo(200);
        r.updateTimeout(40);
        assertThat(r.retransmissionTimeout()).isEqualTo(152.5);
        r.updateTimeout(300);
        assertThat(r.retransmissionTimeout()).isEqualTo(370.9375);
        for (int i = 0; i < 20; i++) {
            r.updateTimeout(5000);
        }
        assertThat(r.retransmissionTimeout()).isEqualTo(1000);
    }

    @Test
    void theOldestAndEveryMessageALaterOneOvertookAreResentButNotOnesQueuedBehindASlowLink() throws Exception {
        Reliability client = side(ClientMessage.INPUT_STREAM_DATA);
        Reliability agent = side(ClientMessage.OUTPUT_STREAM_DATA);
        byte[] first = client.send(PayloadType.OUTPUT, "a".getBytes(StandardCharsets.US_ASCII), 1000);
        byte[] second = client.send(PayloadType.OUTPUT, "b".getBytes(StandardCharsets.US_ASCII), 1000);
        byte[] third = client.send(PayloadType.OUTPUT, "c".getBytes(StandardCharsets.US_ASCII), 1000);
        assertThat(decode(first).sequenceNumber()).isZero();
        assertThat(client.due(1200)).isEmpty();
        // Nothing acknowledged yet (a slow link, or the first lost): only the oldest, as the plugin resends.
        assertThat(client.due(1201)).singleElement().isEqualTo(first);
        assertThat(client.due(1250)).isEmpty();

        // The third arrived, the second did not: the second was lost, not queued, and comes again.
        Reliability.Received got = agent.receive(decode(third), 1260);
        assertThat(got.delivered()).isEmpty(); // out of order: held, acknowledged
        client.receive(got.acknowledgements().get(0), 1270);
        assertThat(client.unacknowledged()).isEqualTo(2);
        assertThat(client.due(1500)).containsExactly(first, second);
        got = agent.receive(decode(second), 1510);
        assertThat(got.delivered()).isEmpty();
        got = agent.receive(decode(first), 1520);
        assertThat(got.delivered()).extracting(ClientMessage::sequenceNumber).containsExactly(0L, 1L, 2L);
    }

    @Test
    void messagesArriveInOrderThroughTheOutOfOrderBufferAndOldOnesAreAcknowledgedAgain() throws Exception {
        Reliability agent = side(ClientMessage.OUTPUT_STREAM_DATA);
        Reliability client = side(ClientMessage.INPUT_STREAM_DATA);
        List<byte[]> frames = new ArrayList<>();
        for (String s : List.of("0", "1", "2")) {
            frames.add(agent.send(PayloadType.OUTPUT, s.getBytes(StandardCharsets.US_ASCII), 1));
        }
        assertThat(decode(frames.get(0)).flags()).as("the agent's first message carries flag 1").isEqualTo(1);
        Reliability.Received two = client.receive(decode(frames.get(2)), 2);
        assertThat(two.delivered()).isEmpty();
        assertThat(two.acknowledgements()).hasSize(1);
        assertThat(client.receive(decode(frames.get(0)), 3).delivered()).extracting(ClientMessage::sequenceNumber)
                .containsExactly(0L);
        assertThat(client.receive(decode(frames.get(1)), 4).delivered()).extracting(ClientMessage::sequenceNumber)
                .containsExactly(1L, 2L);
        Reliability.Received again = client.receive(decode(frames.get(1)), 5);
        assertThat(again.delivered()).isEmpty();
        assertThat(Acknowledgement.read(again.acknowledgements().get(0).payload()).sequenceNumber()).isEqualTo(1);
    }

    /**
     * Both directions over a link that drops 20 %, duplicates 10 % and reorders 10 % of the frames,
     * acknowledgements included: every payload arrives once, in order, and both buffers empty.
     */
    @Test
    void aLossyLinkDeliversEverythingOnceAndInOrderBothWays() throws Exception {
        Reliability client = side(ClientMessage.INPUT_STREAM_DATA);
        Reliability agent = side(ClientMessage.OUTPUT_STREAM_DATA);
        Link toAgent = new Link();
        Link toClient = new Link();
        ByteArrayOutputStream atAgent = new ByteArrayOutputStream();
        ByteArrayOutputStream atClient = new ByteArrayOutputStream();
        StringBuilder typed = new StringBuilder();
        StringBuilder printed = new StringBuilder();
        long now = 1_700_000_000_000L;
        for (int i = 0; i < 300; i++, now += 7) {
            String key = "k" + i + ";";
            typed.append(key);
            toAgent.offer(client.send(PayloadType.OUTPUT, key.getBytes(StandardCharsets.US_ASCII), now));
            String out = "o" + i + ";";
            printed.append(out);
            toClient.offer(agent.send(PayloadType.OUTPUT, out.getBytes(StandardCharsets.US_ASCII), now));
            exchange(toAgent, agent, toClient, atAgent, now);
            exchange(toClient, client, toAgent, atClient, now);
        }
        for (int tick = 0; tick < 2000 && (client.unacknowledged() > 0 || agent.unacknowledged() > 0); tick++, now += 100) {
            client.due(now).forEach(toAgent::offer);
            agent.due(now).forEach(toClient::offer);
            exchange(toAgent, agent, toClient, atAgent, now);
            exchange(toClient, client, toAgent, atClient, now);
        }
        assertThat(atAgent.toString(StandardCharsets.US_ASCII)).isEqualTo(typed.toString());
        assertThat(atClient.toString(StandardCharsets.US_ASCII)).isEqualTo(printed.toString());
        assertThat(client.unacknowledged()).isZero();
        assertThat(agent.unacknowledged()).isZero();
        assertThat(toAgent.dropped + toClient.dropped).as("the link did drop frames").isGreaterThan(50);
    }

    private static void exchange(Link in, Reliability receiver, Link back, ByteArrayOutputStream delivered, long now)
            throws Exception {
        for (byte[] frame : in.drain()) {
            Reliability.Received r = receiver.receive(ClientMessage.decode(frame), now);
            r.acknowledgements().forEach(a -> back.offer(a.encode()));
            for (ClientMessage m : r.delivered()) {
                delivered.write(m.payload());
            }
        }
    }

    /** A link that loses, repeats and swaps frames, the same way on every run. */
    final class Link {
        final List<byte[]> inFlight = new ArrayList<>();
        int dropped;

        void offer(byte[] frame) {
            double p = random.nextDouble();
            if (p < 0.2) {
                dropped++;
                return;
            }
            inFlight.add(frame);
            if (p < 0.3) {
                inFlight.add(frame.clone());
            }
        }

        List<byte[]> drain() {
            List<byte[]> out = new ArrayList<>(inFlight);
            inFlight.clear();
            for (int i = 0; i + 1 < out.size(); i++) {
                if (random.nextDouble() < 0.1) {
                    byte[] t = out.get(i);
                    out.set(i, out.get(i + 1));
                    out.set(i + 1, t);
                }
            }
            return out;
        }
    }
}
