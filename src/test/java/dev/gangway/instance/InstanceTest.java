package dev.gangway.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gangway.testsupport.InstanceBuilder;

class InstanceTest {

    @Test
    void tagsAreShownInTheSameOrderOnEveryRunByKeyIgnoringCase() {
        Map<String, String> tags = new HashMap<>();
        for (String k : List.of("gangway:ssh-port", "Name", "env", "Environment", "Team", "aws:cloudformation:stack-name")) {
            tags.put(k, "v-" + k);
        }
        Instance i = InstanceBuilder.instance(b -> b.tags = tags);
        assertThat(i.tags().keySet()).containsExactly(
                "aws:cloudformation:stack-name", "env", "Environment", "gangway:ssh-port", "Name", "Team");
        assertThat(i.tags()).containsEntry("Name", "v-Name");
    }
}
