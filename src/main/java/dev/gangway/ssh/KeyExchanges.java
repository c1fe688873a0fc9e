package dev.gangway.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.digest.Digest;
import org.apache.sshd.common.kex.AbstractDH;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyEncapsulationMethod;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.kex.MontgomeryCurve;
import org.apache.sshd.common.kex.XDH;
import org.apache.sshd.common.random.JceRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/**
 * The key exchanges the client offers, in OpenSSH 9.9's order: post-quantum hybrids first, then
 * curve25519 and MINA's other defaults (all of them strong; MINA adds the strict-KEX marker that
 * closes Terrapin).
 *
 * <p>{@code mlkem768x25519-sha256} (OpenSSH 9.9 and later) is MINA's own, with Bouncy Castle's
 * ML-KEM: its key takes a few milliseconds. {@code sntrup761x25519-sha512} (OpenSSH 8.5 to 9.8,
 * what today's AMIs run) is MINA's exchange too, but its Streamlined NTRU Prime key, made by Bouncy
 * Castle at the start of each exchange, takes 40 ms in a warm JVM, 110 ms with C1 only (as Gangway
 * runs) and 200-300 ms in a JVM just started: most of the gap to OpenSSH's connect time (issue 25).
 * MINA offers no way to make that key ahead of time, so the exchange here is MINA's (its hybrid
 * {@link XDH}, x25519 and SHA-512, as MINA builds it) with a KEM whose key pair may have been made
 * in the background by {@link #prepare()} before the user asked to connect. Each key pair serves
 * one exchange only, like one made on the spot: it is taken, never shared or kept.
 */
public final class KeyExchanges {

    private static final ExecutorService MAKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gangway-kem-key");
        t.setDaemon(true);
        return t;
    });
    /** The next exchange's key pair, made or being made; null when none was asked for. */
    private static final AtomicReference<CompletableFuture<AsymmetricCipherKeyPair>> READY = new AtomicReference<>();
    /** How many key pairs an exchange had to make itself, and how many were made ahead, for tests. */
    private static final AtomicInteger MADE_ON_THE_SPOT = new AtomicInteger();
    private static final AtomicInteger MADE_AHEAD = new AtomicInteger();

    private KeyExchanges() {
    }

    /** What the client offers, most preferred first. */
    static List<KeyExchangeFactory> offered() {
        List<KeyExchangeFactory> offered = new ArrayList<>();
        if (BuiltinDHFactories.mlkem768x25519.isSupported()) {
            offered.add(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.mlkem768x25519));
        }
        offered.add(ClientBuilder.DH2KEX.apply(new Sntrup761(BuiltinDHFactories.sntrup761x25519.getName())));
        offered.add(ClientBuilder.DH2KEX.apply(new Sntrup761(BuiltinDHFactories.sntrup761x25519_openssh.getName())));
        for (KeyExchangeFactory f : ClientBuilder.setUpDefaultKeyExchanges(true)) {
            if (!f.getName().startsWith("sntrup761") && !f.getName().startsWith("mlkem")) {
                offered.add(f);
            }
        }
        return offered;
    }

    /**
     * Starts making the key pair for the next sntrup761 exchange, unless one is made or on its way:
     * cheap to call on every hint that a connection may come (a command starting, a row selected).
     */
    public static void prepare() {
        CompletableFuture<AsymmetricCipherKeyPair> mine = new CompletableFuture<>();
        if (!READY.compareAndSet(null, mine)) {
            return;
        }
        MAKER.execute(() -> {
            try {
                MADE_AHEAD.incrementAndGet();
                mine.complete(make());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        });
        // A key nobody took (the user selected a row and went away, or the server agreed on ML-KEM)
        // is not kept for hours: forgotten after a while, and made again when next asked for.
        CompletableFuture.delayedExecutor(KEEP_PREPARED.toMillis(), TimeUnit.MILLISECONDS, MAKER)
                .execute(() -> READY.compareAndSet(mine, null));
    }

    /** How long a prepared key pair waits to be taken. */
    static final Duration KEEP_PREPARED = Duration.ofMinutes(5);

    /** Whether a key pair for the next exchange is made and waiting. */
    static boolean prepared() {
        CompletableFuture<AsymmetricCipherKeyPair> f = READY.get();
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    /** Waits until {@link #prepare()}'s key pair is made, for benchmarks and tests. */
    static void awaitPrepared() {
        CompletableFuture<AsymmetricCipherKeyPair> f = READY.get();
        if (f != null) {
            f.join();
        }
    }

    /** Forgets a prepared key pair, for tests that watch one being made. */
    static void discard() {
        READY.set(null);
    }

    static int madeAhead() {
        return MADE_AHEAD.get();
    }

    static int madeOnTheSpot() {
        return MADE_ON_THE_SPOT.get();
    }

    /** The prepared key pair (waiting for it if it is on its way), else one made now. Never the same twice. */
    static AsymmetricCipherKeyPair take() {
        CompletableFuture<AsymmetricCipherKeyPair> f = READY.getAndSet(null);
        if (f != null) {
            try {
                return f.join();
            } catch (RuntimeException failed) {
                // Made again below; the reason shows there if it is not a passing one.
            }
        }
        MADE_ON_THE_SPOT.incrementAndGet();
        return make();
    }

    private static AsymmetricCipherKeyPair make() {
        SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
        generator.init(new SNTRUPrimeKeyGenerationParameters(JceRandom.getGlobalInstance(),
                SNTRUPrimeParameters.sntrup761));
        return generator.generateKeyPair();
    }

    /** sntrup761x25519-sha512 under one of its two names, as MINA builds it, with a key pair from {@link #take()}. */
    private record Sntrup761(String name) implements DHFactory {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isSupported() {
            return BuiltinDHFactories.sntrup761x25519.isSupported();
        }

        @Override
        public boolean isGroupExchange() {
            return false;
        }

        @Override
        public AbstractDH create(Object... params) throws Exception {
            return new XDH(MontgomeryCurve.x25519, true) {
                @Override
                public KeyEncapsulationMethod getKeyEncapsulation() {
                    return PreparedKem.INSTANCE;
                }

                @Override
                public Digest getHash() throws Exception {
                    return BuiltinDigests.sha512.create();
                }
            };
        }
    }

    /** Streamlined NTRU Prime 761, client side only (Gangway serves no SSH), with Bouncy Castle doing the work. */
    private enum PreparedKem implements KeyEncapsulationMethod {
        INSTANCE;

        @Override
        public Client getClient() {
            return new Client() {
                private SNTRUPrimeKEMExtractor extractor;
                private SNTRUPrimePublicKeyParameters publicKey;

                @Override
                public void init() {
                    AsymmetricCipherKeyPair pair = take();
                    extractor = new SNTRUPrimeKEMExtractor((SNTRUPrimePrivateKeyParameters) pair.getPrivate());
                    publicKey = (SNTRUPrimePublicKeyParameters) pair.getPublic();
                }

                @Override
                public byte[] getPublicKey() {
                    return publicKey.getEncoded();
                }

                @Override
                public byte[] extractSecret(byte[] encapsulated) {
                    if (encapsulated.length != extractor.getEncapsulationLength()) {
                        throw new IllegalArgumentException("KEM encapsulation has wrong length: " + encapsulated.length);
                    }
                    return extractor.extractSecret(encapsulated);
                }

                @Override
                public int getEncapsulationLength() {
                    return extractor.getEncapsulationLength();
                }
            };
        }

        @Override
        public Server getServer() {
            throw new UnsupportedOperationException("Gangway's SSH client makes no server-side key exchange");
        }
    }
}
