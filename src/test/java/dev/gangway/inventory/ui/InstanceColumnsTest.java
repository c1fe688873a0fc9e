package dev.gangway.inventory.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gangway.instance.InstanceState;

class InstanceColumnsTest {

    /** Sorting by State follows an instance's life, not the alphabet or EC2's codes (issue 26). */
    @Test
    void stateSortsByLifecycle() {
        List<InstanceState> states = new ArrayList<>(List.of(InstanceState.TERMINATED, InstanceState.STOPPED,
                InstanceState.RUNNING, InstanceState.SHUTTING_DOWN, InstanceState.PENDING, InstanceState.STOPPING));
        states.sort(InstanceColumns.state().getComparator());
        assertThat(states).containsExactly(InstanceState.PENDING, InstanceState.RUNNING, InstanceState.STOPPING,
                InstanceState.STOPPED, InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
    }
}
