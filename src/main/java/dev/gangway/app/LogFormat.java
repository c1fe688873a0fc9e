package dev.gangway.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record as {@code 2026-12-06 20:51:26.123 INFO dev.gangway.cli.InstanceContext: message},
 * then the stack trace of its exception, if any. Local time, numbers only: java.util.logging's
 * SimpleFormatter formats with {@code String.format}'s month names and AM/PM and localises the level's
 * name, which loads the JDK's locale data (~40 ms, issue 25) into a `gangway ssh` that needs none of
 * it. The logger's name, not the caller found by walking the stack, names where a line came from (in
 * Gangway and its libraries, loggers are named after their classes).
 */
final class LogFormat extends Formatter {

    @Override
    public String format(LogRecord record) {
        LocalDateTime t = LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        StringBuilder line = new StringBuilder(128).append(t.getYear()).append('-');
        two(line, t.getMonthValue()).append('-');
        two(line, t.getDayOfMonth()).append(' ');
        two(line, t.getHour()).append(':');
        two(line, t.getMinute()).append(':');
        two(line, t.getSecond()).append('.');
        int millis = t.getNano() / 1_000_000;
        line.append(millis < 100 ? (millis < 10 ? "00" : "0") : "").append(millis).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName() == null ? "-" : record.getLoggerName()).append(": ")
                .append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter w = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(w);
            }
            line.append(trace);
        }
        return line.toString();
    }

    private static StringBuilder two(StringBuilder line, int value) {
        return line.append(value < 10 ? "0" : "").append(value);
    }
}
