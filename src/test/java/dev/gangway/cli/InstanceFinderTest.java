package dev.gangway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The listing an instance-not-found message suggests: where the lookup looked, as a shell reads it. */
class InstanceFinderTest {

    @Test
    void theSuggestedListingLooksWhereTheLookupLooked() {
        assertThat(InstanceFinder.listCommand("sandbox", false, "eu-west-3", true))
                .isEqualTo("gangway list --sandbox --region eu-west-3");
        // A profile other than the one a bare listing would use is named (AWS_PROFILE=prod, -P default).
        assertThat(InstanceFinder.listCommand("default", true, null, false))
                .isEqualTo("gangway list --profile default --all-regions");
        assertThat(InstanceFinder.listCommand("prod", false, null, false)).isEqualTo("gangway list --all-regions");
        assertThat(InstanceFinder.listCommand("team a", true, "us-east-1", false))
                .isEqualTo("gangway list --profile 'team a' --region us-east-1");
    }
}
