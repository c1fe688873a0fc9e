package dev.gangway.inventory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.gangway.common.PrivateFiles;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.LastConnection;

/**
 * What the last listings and lookups learned about instances, so that {@code gangway ssh web-1}
 * can find web-1, its address and port without asking EC2 first (issue 25). Kept per scope (the
 * AWS endpoint the answers came from) and per profile, each entry with the time it was learned.
 * Only a running instance learned in the last {@link #MAX_AGE} is answered from here; a connection
 * that fails looks the instance up again. The file is private (0600) and may be deleted at any time.
 */
public final class InstanceCache {

    private static final Logger LOG = Logger.getLogger(InstanceCache.class.getName());
    /**
     * How old a cached instance may be and still be used. Its address may have changed since (a stop,
     * an Elastic IP moved): the connection then meets another host key than {@link LastConnection}'s,
     * and EC2 is asked.
     */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** How long an entry is kept at all. */
    static final Duration KEEP = Duration.ofDays(30);
    /** Entries kept at most, newest first: a large account's listing must not make every start slower. */
    static final int MAX_ENTRIES = 500;

    /**
     * An instance as it was when {@code learned}, from answers of {@code scope}, and the last SSH
     * connection to it (null when never connected to from here).
     */
    public record Entry(String scope, Instant learned, Instance instance, LastConnection connection) {
    }

    /** A cached instance, how long ago it was learned, and the last connection to it. */
    public record Hit(Instance instance, Duration age, LastConnection connection) {
    }

    private final Path file;
    private final Clock clock;

    public InstanceCache(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * The one running instance named {@code ref} (id, Name, then Name ignoring case) in {@code
     * profile} (and {@code region}, when given), learned in the last {@link #MAX_AGE} and connected
     * to from here before (its host key known); empty when there is none, several, it was not
     * running or never connected to (then EC2 is asked and says what is true).
     */
    public Optional<Hit> find(String scope, String profile, String region, String ref) {
        Instant now = clock.instant();
        List<Entry> candidates = read().stream()
                .filter(e -> e.scope().equals(scope) && e.instance().profile().equals(profile)
                        && (region == null || region.equals(e.instance().region())))
                .toList();
        List<Entry> matches = matching(candidates, ref);
        if (matches.size() != 1) {
            return Optional.empty();
        }
        Entry e = matches.get(0);
        Duration age = Duration.between(e.learned(), now);
        if (e.instance().state() != InstanceState.RUNNING || age.isNegative() || age.compareTo(MAX_AGE) > 0
                || e.connection() == null || e.connection().hostKey() == null) {
            return Optional.empty();
        }
        return Optional.of(new Hit(e.instance(), age, e.connection()));
    }

    private static List<Entry> matching(List<Entry> entries, String ref) {
        List<Entry> byId = entries.stream().filter(e -> e.instance().id().equals(ref)).toList();
        if (!byId.isEmpty()) {
            return byId;
        }
        List<Entry> byName = entries.stream().filter(e -> ref.equals(e.instance().name())).toList();
        if (!byName.isEmpty()) {
            return byName;
        }
        return entries.stream().filter(e -> e.instance().name() != null && e.instance().name().equalsIgnoreCase(ref))
                .toList();
    }

    /**
     * Remembers a listing: {@code instances} replace what was known for each (profile, region) they
     * come from (an instance gone from such a region is forgotten), others are kept.
     */
    public void rememberListing(String scope, List<Instance> instances) {
        rememberListing(scope, instances, Set.of());
    }

    /**
     * As {@link #rememberListing(String, List)}, and {@code listed} names the (profile, region) pairs
     * that were listed in full ({@link #regionKey}): one that now has no instance at all forgets what
     * it had, so `gangway ssh` never dials an instance that a listing no longer shows. A region whose
     * listing failed is left out of {@code listed} and keeps what was known.
     */
    public void rememberListing(String scope, List<Instance> instances, Set<String> listed) {
        Set<String> regions = new HashSet<>(listed);
        instances.forEach(i -> regions.add(key(i)));
        List<Entry> kept = new ArrayList<>();
        Instant now = clock.instant();
        List<Entry> before = read();
        instances.forEach(i -> kept.add(new Entry(scope, now, i, connection(before, scope, i))));
        for (Entry e : before) {
            boolean replaced = e.scope().equals(scope)
                    && (regions.contains(key(e.instance())) || instances.stream().anyMatch(i -> sameInstance(i, e)));
            if (!replaced) {
                kept.add(e);
            }
        }
        write(kept);
    }

    /** Remembers one instance just looked up. */
    public void remember(String scope, Instance instance) {
        List<Entry> before = read();
        List<Entry> kept = new ArrayList<>();
        kept.add(new Entry(scope, clock.instant(), instance, connection(before, scope, instance)));
        before.stream().filter(e -> !(e.scope().equals(scope) && sameInstance(instance, e))).forEach(kept::add);
        write(kept);
    }

    /**
     * Remembers what a connection to {@code instance} met (see {@link LastConnection}): the next connect
     * may then come from the cache, and prepares only what its key exchange needs. Nothing when the
     * instance is not cached.
     */
    public void rememberConnection(String scope, Instance instance, LastConnection connection) {
        List<Entry> before = read();
        boolean known = false;
        List<Entry> kept = new ArrayList<>();
        for (Entry e : before) {
            if (e.scope().equals(scope) && sameInstance(instance, e)) {
                known = true;
                kept.add(new Entry(e.scope(), e.learned(), e.instance(), connection));
            } else {
                kept.add(e);
            }
        }
        if (known) {
            write(kept);
        }
    }

    private static LastConnection connection(List<Entry> entries, String scope, Instance instance) {
        return entries.stream().filter(e -> e.scope().equals(scope) && sameInstance(instance, e))
                .map(Entry::connection).filter(c -> c != null).findFirst().orElse(null);
    }

    private static String key(Instance i) {
        return regionKey(i.profile(), i.region());
    }

    /** How {@link #rememberListing(String, List, Set)} names one profile's region. */
    public static String regionKey(String profile, String region) {
        return profile + " " + region;
    }

    private static boolean sameInstance(Instance i, Entry e) {
        return i.id().equals(e.instance().id()) && i.profile().equals(e.instance().profile());
    }

    List<Entry> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.log(Level.FINE, "instance cache unreadable: " + e.getMessage());
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (JsonParser json = new JsonFactory().createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (!"entries".equals(name) || value != JsonToken.START_ARRAY) {
                    json.skipChildren();
                    continue;
                }
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    String scope = null;
                    Instant learned = null;
                    Instance instance = null;
                    LastConnection connection = null;
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String field = json.currentName();
                        json.nextToken();
                        switch (field) {
                            case "scope" -> scope = json.getValueAsString();
                            case "learned" -> learned = Instant.parse(json.getValueAsString());
                            case "instance" -> instance = InstanceJson.read(json);
                            case "connection" -> connection = readConnection(json);
                            default -> json.skipChildren();
                        }
                    }
                    if (scope != null && learned != null && instance != null) {
                        entries.add(new Entry(scope, learned, instance, connection));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A cache only: a damaged file means asking EC2, and the next write replaces it.
            LOG.log(Level.FINE, "instance cache unreadable, ignored: " + e);
            return List.of();
        }
        return entries;
    }

    private static LastConnection readConnection(JsonParser json) throws IOException {
        String keyExchange = null;
        String hostKey = null;
        String keyFile = null;
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "keyExchange" -> keyExchange = json.getValueAsString();
                case "hostKey" -> hostKey = json.getValueAsString();
                case "keyFile" -> keyFile = json.getValueAsString();
                default -> json.skipChildren();
            }
        }
        return new LastConnection(keyExchange, hostKey, keyFile);
    }

    private void write(List<Entry> all) {
        // What was learned longer than KEEP ago is dropped, so the file every `gangway ssh` reads does
        // not grow with endpoints and instances long gone. (Between MAX_AGE and KEEP an entry is not
        // answered from, but what its last connection met is carried over to the next lookup.)
        Instant now = clock.instant();
        List<Entry> entries = all.stream()
                .filter(e -> Duration.between(e.learned(), now).compareTo(KEEP) <= 0).toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("version", 1);
            json.writeArrayFieldStart("entries");
            for (Entry e : entries.subList(0, Math.min(entries.size(), MAX_ENTRIES))) {
                json.writeStartObject();
                json.writeStringField("scope", e.scope());
                json.writeStringField("learned", e.learned().toString());
                if (e.connection() != null) {
                    json.writeObjectFieldStart("connection");
                    json.writeStringField("keyExchange", e.connection().keyExchange());
                    json.writeStringField("hostKey", e.connection().hostKey());
                    json.writeStringField("keyFile", e.connection().keyFile());
                    json.writeEndObject();
                }
                json.writeFieldName("instance");
                InstanceJson.write(json, e.instance());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            PrivateFiles.write(file, bytes.toByteArray());
        } catch (IOException e) {
            // Not worth a word to the user: the next command asks EC2, as without a cache.
            LOG.log(Level.FINE, "instance cache not written: " + e.getMessage());
        }
    }
}
