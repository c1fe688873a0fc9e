package dev.gangway.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.common.PrivateFiles;

/**
 * What Gangway has learnt about AMIs: name, platform and platform details by region and image id.
 * These never change for a given image id, so an image seen once is not asked for again: a listing
 * then needs DescribeImages only for images it has not met before, one round trip fewer per region.
 * Kept in memory, and optionally in a small file (one tab-separated line per image, 0600). A missing
 * or unreadable file only means starting empty.
 */
public final class ImageCatalog {

    private static final Logger LOG = Logger.getLogger(ImageCatalog.class.getName());
    /** Enough for every AMI of a large estate; the file stays well under a megabyte. */
    static final int MAX_ENTRIES = 20_000;

    /** The facts Gangway uses of an image. {@code platform} is EC2's ("windows") or null. */
    public record Facts(String name, String platform, String platformDetails) {
    }

    private final Path file;
    private final Map<String, Facts> byKey = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();

    private ImageCatalog(Path file) {
        this.file = file;
    }

    /** A catalog that lives as long as the process. */
    public static ImageCatalog inMemory() {
        return new ImageCatalog(null);
    }

    /** A catalog loaded from, and saved to, {@code file}. */
    public static ImageCatalog at(Path file) {
        ImageCatalog catalog = new ImageCatalog(file);
        catalog.load();
        return catalog;
    }

    public Facts get(String region, String imageId) {
        return byKey.get(key(region, imageId));
    }

    public void put(String region, String imageId, Facts facts) {
        if (byKey.size() < MAX_ENTRIES && !facts.equals(byKey.put(key(region, imageId), facts))) {
            changed.set(true);
        }
    }

    public int size() {
        return byKey.size();
    }

    /** Writes the file if anything was learnt since it was read; a failure is logged, never thrown. */
    public void save() {
        if (file == null || !changed.getAndSet(false)) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        byKey.forEach((k, f) -> sb.append(k).append('\t').append(clean(f.platform())).append('\t')
                .append(clean(f.platformDetails())).append('\t').append(clean(f.name())).append('\n'));
        try {
            PrivateFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not save the image catalog", e);
        }
    }

    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "ignoring an unreadable image catalog", e);
            return;
        }
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length != 5 || f[0].isEmpty() || f[1].isEmpty()) {
                changed.set(true); // a damaged line: the next save rewrites the file without it
                continue;
            }
            byKey.put(key(f[0], f[1]), new Facts(blankToNull(f[4]), blankToNull(f[2]), blankToNull(f[3])));
        }
    }

    private static String key(String region, String imageId) {
        return region + '\t' + imageId;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
