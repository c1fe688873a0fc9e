package dev.gangway.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every AWS call is bounded: by its usual time, or by the one a user set; a setting that is not a time changes nothing. */
class CallTimeoutTest {

    @AfterEach
    void clear() {
        System.clearProperty("gangway.awsCallTimeout");
    }

    @Test
    void theUsualBoundHoldsUnlessAUserSetsAnother() {
        assertThat(CloudAccess.callTimeout(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        System.setProperty("gangway.awsCallTimeout", "PT2M");
        assertThat(CloudAccess.callTimeout(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aSettingThatIsNotAPositiveTimeLeavesTheUsualBound() {
        for (String bad : new String[] {"", "soon", "-PT5S", "PT0S", "60"}) {
            System.setProperty("gangway.awsCallTimeout", bad);
            assertThat(CloudAccess.callTimeout(Duration.ofSeconds(30))).as(bad).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
