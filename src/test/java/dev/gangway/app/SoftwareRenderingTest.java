package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/**
 * Without a GPU (as on this machine and CI: Xvfb, no /dev/dri render node) the app itself asks for
 * JavaFX's software pipeline and stops GTK from probing OpenGL, so the packaged app, whose launchers
 * cannot set the environment, gets what target/gangway's script sets.
 */
class SoftwareRenderingTest {

    @Test
    void withoutAGpuGtkIsToldNotToProbeOpenGlInTheProcessesOwnEnvironment() {
        assumeFalse(GangwayApp.hasGpuDevice(), "a machine without a GPU device node");
        String before = GangwayApp.LibC.INSTANCE.getenv("GDK_GL");
        GangwayApp.preferSoftwareRenderingWithoutGpu();
        // GTK reads the C library's environment; a value set beforehand is left as it was.
        assertThat(GangwayApp.LibC.INSTANCE.getenv("GDK_GL")).isEqualTo(before == null ? "disable" : before);
        assertThat(System.getProperty("prism.order")).isNotNull();
    }
}
