package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** The log file's lines (and --verbose's): local time, level, where from, the message, then any stack trace. */
class LogFormatTest {

    private static LogRecord record(Level level, String logger, String message, LocalDateTime at) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName(logger);
        r.setInstant(at.atZone(ZoneId.systemDefault()).toInstant());
        return r;
    }

    @Test
    void aLineSaysWhenWhatAndWhereFromInLocalTime() {
        LogRecord r = record(Level.INFO, "dev.gangway.cli.InstanceContext", "web-1 at 127.0.0.1 port 2222",
                LocalDateTime.of(2026, 3, 7, 9, 5, 4, 7_000_000));
        assertThat(new LogFormat().format(r)).isEqualTo(
                "2026-03-07 09:05:04.007 INFO dev.gangway.cli.InstanceContext: web-1 at 127.0.0.1 port 2222"
                        + System.lineSeparator());
    }

    @Test
    void anExceptionFollowsWithItsStackTraceAndParametersAreFilledIn() {
        LogRecord r = record(Level.WARNING, "org.apache.sshd.client.session.ClientSessionImpl",
                "session {0} closed", LocalDateTime.of(2026, 12, 31, 23, 59, 59, 999_000_000));
        r.setParameters(new Object[] {"#7"});
        r.setThrown(new IOException("Connection reset"));
        String line = new LogFormat().format(r);
        assertThat(line).startsWith("2026-12-31 23:59:59.999 WARNING org.apache.sshd.client.session.ClientSessionImpl: "
                + "session #7 closed" + System.lineSeparator() + "java.io.IOException: Connection reset");
        assertThat(line).contains("\tat dev.gangway.app.LogFormatTest.");
    }

    @Test
    void aRecordWithoutALoggerNameStillReads() {
        LogRecord r = record(Level.SEVERE, null, "no name", LocalDateTime.of(2026, 1, 2, 3, 4, 5, 60_000_000));
        assertThat(new LogFormat().format(r)).isEqualTo("2026-01-02 03:04:05.060 SEVERE -: no name" + System.lineSeparator());
    }
}
