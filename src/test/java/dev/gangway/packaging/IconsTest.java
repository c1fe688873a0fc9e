package dev.gangway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.testsupport.OpenSshServer;

/** The icon files under icons/, all made from icons/gangway.svg by icons/build.sh and committed. */
class IconsTest {

    static final Path ICONS = Path.of("icons");

    static BufferedImage png(Path p) throws IOException {
        BufferedImage image = ImageIO.read(p.toFile());
        assertThat(image).as(p.toString()).isNotNull();
        return image;
    }

    @Test
    void everyPngHasItsSizeAndTheLinuxThemeHasItsFolders() throws Exception {
        for (int n : new int[] {16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
            BufferedImage image = png(ICONS.resolve("png/gangway-" + n + ".png"));
            assertThat(image.getWidth()).isEqualTo(n);
            assertThat(image.getHeight()).isEqualTo(n);
        }
        for (int n : new int[] {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
            assertThat(png(ICONS.resolve("hicolor/" + n + "x" + n + "/apps/gangway.png")).getWidth()).isEqualTo(n);
        }
        assertThat(ICONS.resolve("hicolor/scalable/apps/gangway.svg")).hasSameBinaryContentAs(ICONS.resolve("gangway.svg"));
    }

    @Test
    void theWindowsIconHoldsSixteenToTwoHundredFiftySix() throws Exception {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(ICONS.resolve("gangway.ico"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ico.getShort(0)).isZero();
        assertThat(ico.getShort(2)).as("type: icon").isEqualTo((short) 1);
        int count = ico.getShort(4);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int width = Byte.toUnsignedInt(ico.get(6 + 16 * i));
            sizes.add(width == 0 ? 256 : width);
        }
        assertThat(sizes).containsExactly(16, 24, 32, 48, 64, 128, 256);
    }

    @Test
    void theMacIconHoldsEverySizeUpTo1024() throws Exception {
        byte[] icns = Files.readAllBytes(ICONS.resolve("gangway.icns"));
        ByteBuffer b = ByteBuffer.wrap(icns);
        assertThat(new String(icns, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(b.getInt(4)).isEqualTo(icns.length);
        List<String> types = new ArrayList<>();
        for (int at = 8; at < icns.length; at += b.getInt(at + 4)) {
            types.add(new String(icns, at, 4, StandardCharsets.US_ASCII));
        }
        // 16, 32 and 128 as classic bitmaps with masks, 256 to 1024 as PNGs (ic08-ic10).
        assertThat(types).containsExactly("is32", "s8mk", "il32", "l8mk", "it32", "t8mk", "ic08", "ic09", "ic10");
    }

    @Test
    void theCommittedIconsAreTheSvgAsItIsNow(@TempDir Path dir) throws Exception {
        // Rendered again from the SVG, a size must look the same as the committed one: nobody changed the
        // SVG without running icons/build.sh.
        Path fresh = dir.resolve("64.png");
        OpenSshServer.run("rsvg-convert", "-w", "64", "-h", "64", ICONS.resolve("gangway.svg").toString(), "-o", fresh.toString());
        BufferedImage now = png(fresh);
        BufferedImage committed = png(ICONS.resolve("png/gangway-64.png"));
        int worst = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int a = now.getRGB(x, y);
                int c = committed.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    worst = Math.max(worst, Math.abs(((a >>> shift) & 0xff) - ((c >>> shift) & 0xff)));
                }
            }
        }
        assertThat(worst).as("largest difference of a colour channel").isLessThanOrEqualTo(8);
    }
}
