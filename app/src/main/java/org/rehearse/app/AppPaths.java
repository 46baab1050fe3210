package org.rehearse.app;

import java.nio.file.Path;

/** Where Rehearse keeps files outside the repository. */
public final class AppPaths {
    private AppPaths() {
    }

    /**
     * The folder of generated sample cases: {@code $REHEARSE_CACHE} when set, else {@code $XDG_CACHE_HOME/rehearse},
     * else {@code ~/.cache/rehearse} (XDG Base Directory Specification 0.8).
     */
    public static Path sampleCacheDir() {
        String own = System.getenv("REHEARSE_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rehearse");
    }
}
