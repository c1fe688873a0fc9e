package dev.gangway.sandbox.world;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sandbox's EC2 Instance Connect Endpoints, by id, in the order they were made. */
public final class EndpointRegistry {

    private final Map<String, ConnectEndpoint> byId = new LinkedHashMap<>();

    /** Adds (or replaces) an endpoint. */
    public synchronized void put(ConnectEndpoint endpoint) {
        byId.put(endpoint.id(), endpoint);
    }

    /** The endpoints of {@code region}. */
    public synchronized List<ConnectEndpoint> in(String region) {
        return byId.values().stream().filter(e -> e.region().equals(region)).toList();
    }

    public synchronized Optional<ConnectEndpoint> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized void remove(String id) {
        byId.remove(id);
    }
}
