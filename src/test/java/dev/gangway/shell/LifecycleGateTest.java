package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gangway.common.Dialogs;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.testsupport.InstanceBuilder;
import dev.gangway.testsupport.RecordingNotifier;

/** Connecting to an instance that is not running: asked to start it, or told why not; no stage needed. */
class LifecycleGateTest {

    final List<String> asked = new ArrayList<>();
    final List<Instance> started = new ArrayList<>();
    final RecordingNotifier notifier = new RecordingNotifier();

    LifecycleGate gate(boolean userConfirms) {
        Dialogs dialogs = (id, title, question, details, confirmLabel) -> {
            asked.add(question + " " + details + " [" + confirmLabel + "]");
            return userConfirms;
        };
        return new LifecycleGate(dialogs, notifier, started::add);
    }

    @Test
    void aRunningInstanceIsLetThroughWithoutAQuestion() {
        assertThat(gate(true).admits(InstanceBuilder.instance(b -> { }))).isTrue();
        assertThat(asked).isEmpty();
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void aStoppedInstanceIsStartedOnlyWhenTheUserSaysSoAndNotConnectedToYet() {
        Instance stopped = InstanceBuilder.instance(b -> { b.name = "batch"; b.state = InstanceState.STOPPED; });
        assertThat(gate(false).admits(stopped)).isFalse();
        assertThat(started).isEmpty();
        assertThat(asked).singleElement().asString().contains("batch is stopped.").contains("billed")
                .contains("[Start instance]");

        assertThat(gate(true).admits(stopped)).isFalse();
        assertThat(started).containsExactly(stopped);
    }

    @Test
    void anInstanceOnItsWayIsExplainedForItsPlatform() {
        assertThat(gate(true).admits(InstanceBuilder.instance(b -> { b.name = "web"; b.state = InstanceState.PENDING; })))
                .isFalse();
        Instance stopping = InstanceBuilder.instance(b -> {
            b.name = "win";
            b.platform = GuestOs.WINDOWS;
            b.state = InstanceState.STOPPING;
        });
        assertThat(gate(true).admits(stopping)).isFalse();
        assertThat(asked).isEmpty();
        assertThat(notifier.messages()).containsExactly(
                "web is pending: Only a running instance takes SSH connections; refresh to see when it is.",
                "win is stopping: Only a running instance takes Remote Desktop connections; refresh to see when it is.");
    }
}
