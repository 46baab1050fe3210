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

    /**
     * The folder of reference data used by {@code rehearse verify}: the system property {@code rehearse.shared.data}
     * when set (the {@code rehearse} script sets it to {@code ../shared/data} beside the project), else
     * {@code $REHEARSE_DATA}, else {@code ../shared/data} relative to the working folder.
     */
    public static Path sharedDataDir() {
        String p = System.getProperty("rehearse.shared.data");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String env = System.getenv("REHEARSE_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of("..", "shared", "data");
    }
}
