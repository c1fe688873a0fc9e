package dev.gangway.aws;

import java.util.Optional;

/** Where "your public IP" comes from: a web service for real AWS, a fixed answer for the sandbox. */
public interface PublicIpResolver {

    Optional<String> publicIp();

    static PublicIpResolver fixed(String ip) {
        return () -> Optional.of(ip);
    }
}
