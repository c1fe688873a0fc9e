package dev.gangway.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.gangway.sandbox.world.Fault;

/**
 * How the shell commands read their option values, each in one place: picocli reports a value it
 * cannot read as a usage error (exit 2) naming the option, with these messages.
 */
public final class Converters {

    private Converters() {
    }

    /** A TCP port, 1 to 65535 ({@code --port}). */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value, 1).orElseThrow(() -> new TypeConversionException("'" + value + "' is not a port: "
                    + "give a number from 1 to 65535" + (isNumber(value) ? "."
                    // A word where a port goes: most likely a profile given as -p, which it was until
                    // -p became the port (as in OpenSSH).
                    : " (-p is the port, as in OpenSSH; an AWS profile is --profile or -P).")));
        }
    }

    /** {@code value} as a port from {@code lowest} to 65535; empty when it is not one. */
    private static Optional<Integer> port(String value, int lowest) {
        if (!isNumber(value)) {
            return Optional.empty();
        }
        int port = Integer.parseInt(value.trim());
        return port >= lowest && port <= 65535 ? Optional.of(port) : Optional.empty();
    }

    private static boolean isNumber(String value) {
        try {
            Integer.parseInt(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The routes {@code --via} names. */
    public enum Route {
        DIRECT,
        SSM,
        EICE;

        /** What carries a connection so routed. */
        public dev.gangway.connect.Via via() {
            return switch (this) {
                case DIRECT -> dev.gangway.connect.Via.ADDRESS;
                case SSM -> dev.gangway.connect.Via.SESSION_MANAGER;
                case EICE -> dev.gangway.connect.Via.ENDPOINT;
            };
        }
    }

    /**
     * How a connection goes ({@code --via}): {@code direct} to the instance's address, over
     * {@code ssm}, or through an Instance Connect Endpoint ({@code eice}).
     */
    public static final class Via implements ITypeConverter<Converters.Route> {
        @Override
        public Converters.Route convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "ssm", "session-manager" -> Route.SSM;
                case "eice", "endpoint", "instance-connect-endpoint" -> Route.EICE;
                case "direct" -> Route.DIRECT;
                default -> throw new TypeConversionException("'" + value + "' is not a route: give ssm (Session "
                        + "Manager, no open port needed), eice (an Instance Connect Endpoint in the instance's VPC, "
                        + "to its private address) or direct (the instance's address).");
            };
        }
    }

    /** A TCP port to listen on, 0 meaning any free one (no -p here: the profile hint would mislead). */
    static final class ListenPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value, 0).orElseThrow(() -> new TypeConversionException("'" + value + "' is not a port: "
                    + "give a number from 1 to 65535, or 0 for any free one."));
        }
    }

    /** A duration such as 100ms, 1s or 1.5s, its unit given (a bare number is refused: 100 what?). */
    static final class Millis implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String t = value.trim().toLowerCase(Locale.ROOT);
            try {
                // A bare number (100 what?) has neither unit: said below, with the units.
                Duration d = t.endsWith("ms") ? Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)))
                        : t.endsWith("s") ? Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1))
                        * 1000)) : null;
                if (d != null && !d.isNegative()) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("'" + value + "' is not a duration: give a number and its unit, "
                    + "e.g. 100ms or 1.5s.");
        }
    }

    /** A sandbox fault by its name in the CLI: auth-failure, throttling, server-error, unauthorized, ... */
    static final class SandboxFault implements ITypeConverter<Fault> {
        static final List<String> NAMES = List.of("auth-failure", "throttling", "throttling-half", "server-error",
                "unauthorized", "expired", "no-answer", "garbled");

        @Override
        public Fault convert(String value) {
            String k = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Fault f : Fault.values()) {
                if (f.name().equals(k)) {
                    return f;
                }
            }
            throw new TypeConversionException("Unknown fault '" + value + "'; use one of " + NAMES + ".");
        }
    }
}
