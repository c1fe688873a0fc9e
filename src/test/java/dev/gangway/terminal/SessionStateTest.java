package dev.gangway.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;

import org.junit.jupiter.api.Test;

/** What a terminal tab tells the user at each step of its session, without a stage. */
class SessionStateTest {

    @Test
    void whileConnectingAndOnceLoggedInThereIsNothingToReconnect() {
        assertThat(new SessionState.Connecting("Connecting to web-1…").canReconnect()).isFalse();
        SessionState connected = new SessionState.Connected("ec2-user@127.0.0.1:2201 · public IPv4");
        assertThat(connected.canReconnect()).isFalse();
        assertThat(connected.isProblem()).isFalse();
        assertThat(connected.status()).isEqualTo("ec2-user@127.0.0.1:2201 · public IPv4");
    }

    @Test
    void aShellThatExitsSaysItsStatusCalmlyAndOffersReconnect() {
        SessionState exited = SessionState.ended(3, true);
        assertThat(exited.status()).isEqualTo("Session ended: the shell exited (its last command's status was 3).");
        assertThat(exited.titleSuffix()).isEqualTo("ended");
        assertThat(SessionState.ended(0, true).status()).isEqualTo("Session ended: the shell exited.");
        assertThat(SessionState.ended(null, false).titleSuffix()).isEqualTo("disconnected");
        assertThat(new SessionState.Connected("x").titleSuffix()).isNull();
        assertThat(exited.isProblem()).isFalse();
        assertThat(exited.canReconnect()).isTrue();
    }

    @Test
    void aDroppedConnectionIsAProblemAndSaysWhetherTheServerClosedTheShell() {
        SessionState dropped = SessionState.ended(null, false);
        assertThat(dropped.status()).isEqualTo("The connection was lost. The instance may have stopped or rebooted, "
                + "or the network dropped.");
        assertThat(dropped.isProblem()).isTrue();
        assertThat(dropped.canReconnect()).isTrue();
        assertThat(SessionState.ended(null, true).status()).startsWith("The connection was lost (the server closed the shell).");
    }

    @Test
    void aFailedLoginSaysWhyAndOffersToTryAgain() {
        SessionState failed = new SessionState.Failed("web-1 is stopped. Start it first.");
        assertThat(failed.status()).isEqualTo("web-1 is stopped. Start it first.");
        assertThat(failed.isProblem()).isTrue();
        assertThat(failed.canReconnect()).isTrue();
    }

    @Test
    void aShellThatCannotTellItsExitStatusSaysOnlyThatTheSessionEnded() {
        RemoteShell sessionManager = shell(null);
        SessionState ended = SessionState.ended(sessionManager, 0, false);
        assertThat(ended.status()).isEqualTo("Session ended.");
        assertThat(ended.isProblem()).isFalse();
        assertThat(ended.canReconnect()).isTrue();
        assertThat(SessionState.ended(sessionManager, null, false)).isInstanceOf(SessionState.Lost.class);
    }

    /** A session its client gave up (it could not be resumed) says why, as a problem, with Reconnect. */
    @Test
    void aSessionGivenUpSaysWhy() {
        SessionState ended = SessionState.ended(shell("The connection to Session Manager dropped and could not be "
                + "resumed: connection refused"), null, false);
        assertThat(ended.status()).startsWith("The connection to Session Manager dropped and could not be resumed");
        assertThat(ended.isProblem()).isTrue();
        assertThat(ended.canReconnect()).isTrue();
    }

    /** A Session Manager shell that ended ({@code reason}: why its client gave it up, or null). */
    private static RemoteShell shell(String reason) {
        return new RemoteShell() {
            @Override
            public String endReason() {
                return reason;
            }

            @Override
            public InputStream output() {
                return InputStream.nullInputStream();
            }

            @Override
            public OutputStream input() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void resize(int columns, int rows) {
            }

            @Override
            public boolean isOpen() {
                return false;
            }

            @Override
            public Integer awaitEnd() {
                return 0;
            }

            @Override
            public boolean connectionOpen() {
                return false;
            }

            @Override
            public boolean reportsExitStatus() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
