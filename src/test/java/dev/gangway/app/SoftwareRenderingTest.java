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
        String prismOrder = System.getProperty("prism.order");
        System.clearProperty("prism.order");
        try {
            GangwayApp.preferSoftwareRenderingWithoutGpu();
            // GTK reads the C library's environment; a value set beforehand is left as it was.
            assertThat(GangwayApp.LibC.INSTANCE.getenv("GDK_GL")).isEqualTo(before == null ? "disable" : before);
            assertThat(System.getProperty("prism.order")).isEqualTo("sw");
        } finally {
            if (prismOrder != null) {
                System.setProperty("prism.order", prismOrder);
            }
        }
    }

    @Test
    void aPipelineTheUserChoseIsKept() {
        String prismOrder = System.getProperty("prism.order");
        System.setProperty("prism.order", "es2,sw");
        try {
            GangwayApp.preferSoftwareRenderingWithoutGpu();
            assertThat(System.getProperty("prism.order")).isEqualTo("es2,sw");
        } finally {
            if (prismOrder == null) {
                System.clearProperty("prism.order");
            } else {
                System.setProperty("prism.order", prismOrder);
            }
        }
    }
}
