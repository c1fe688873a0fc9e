package dev.gangway.forward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.gangway.instance.Instance;
import dev.gangway.connect.Forward;

/**
 * The tunnels open in this run: what the Tunnels view lists and the window asks about before it
 * closes. Each is a forward (over Session Manager or an Instance Connect Endpoint) with the instance it
 * leads to and when it opened.
 */
public final class Tunnels {

    /** One open tunnel. */
    public record Open(Instance instance, Forward forward, Instant opened) {
        /** "Session Manager", "Instance Connect Endpoint": the route that carries it. */
        public String route() {
            return forward.route();
        }

        /** Where clients connect: "127.0.0.1:15432". */
        public String localAddress() {
            return forward.host() + ":" + forward.port();
        }

        public Duration uptime(Clock clock) {
            return Duration.between(opened, clock.instant());
        }
    }

    private final Clock clock;
    private final List<Open> open = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Open>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Open>> endListeners = new CopyOnWriteArrayList<>();

    public Tunnels(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Lists {@code forward}, opened now to {@code instance}. */
    public Open add(Instance instance, Forward forward) {
        Open o = new Open(instance, forward, clock.instant());
        open.add(o);
        changed();
        // Gone from the list when it ends, however it ends; said when it ended by itself.
        forward.onEnd(() -> {
            if (open.remove(o)) {
                changed();
                if (forward.endedByItself()) {
                    endListeners.forEach(l -> l.accept(o));
                }
            }
        });
        return o;
    }

    /** Calls {@code listener} with a tunnel whose session ended by itself (lost, terminated elsewhere, timed out). */
    public void onEnded(Consumer<Open> listener) {
        endListeners.add(listener);
    }

    /** Stops {@code tunnel}: its connections end and its session is terminated. */
    public void stop(Open tunnel) {
        if (open.remove(tunnel)) {
            changed();
        }
        // Terminating the session waits on AWS: not on the caller's (UI) thread.
        Thread t = new Thread(tunnel.forward()::close, "gangway-tunnel-stop");
        t.start();
    }

    public List<Open> all() {
        return List.copyOf(open);
    }

    public void stopAll() {
        all().forEach(this::stop);
    }

    /** Calls {@code listener} with the tunnels whenever one opens or goes. */
    public void onChange(Consumer<List<Open>> listener) {
        listeners.add(listener);
    }

    private void changed() {
        List<Open> now = all();
        listeners.forEach(l -> l.accept(now));
    }
}
