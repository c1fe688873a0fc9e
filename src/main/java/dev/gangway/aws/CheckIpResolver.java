package dev.gangway.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import dev.gangway.instance.Cidr;

/** Asks AWS's own checkip service (the same one the console's "My IP" uses) for the caller's public address. */
public final class CheckIpResolver implements PublicIpResolver {

    private static final URI CHECK_IP = URI.create("https://checkip.amazonaws.com/");

    private volatile String cached;

    @Override
    public Optional<String> publicIp() {
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(CHECK_IP).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String ip = response.body().trim();
            if (response.statusCode() == 200 && Cidr.parse(ip).isPresent()) {
                cached = ip;
                return Optional.of(ip);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
