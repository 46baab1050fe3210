package org.rehearse.rendering;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/**
 * Helpers for code that is not a JavaFX application (the command line, tests): start the JavaFX toolkit once, run
 * work on its thread and wait, and write images as PNG. Off-screen 3D rendering needs a display (on a server: Xvfb)
 * and the ES2 pipeline ({@code -Dprism.order=es2 -Dprism.forceGPU=true} with Mesa); without 3D support SubScenes
 * render without their meshes.
 */
public final class FxThread {
    private static volatile boolean started;
    private static volatile boolean startedHere;

    private FxThread() {
    }

    /**
     * Starts the JavaFX toolkit if it is not running; keeps it running after the last window closes.
     *
     * @throws IllegalStateException when JavaFX cannot start (e.g. no display)
     */
    public static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        try {
            Platform.startup(() -> { });
            startedHere = true;
        } catch (IllegalStateException alreadyRunning) {
            // toolkit started elsewhere (Application.launch or a test framework)
        } catch (UnsupportedOperationException | Error e) {
            throw new IllegalStateException("cannot start JavaFX (is there a display? on a server run under xvfb-run): " + e, e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /**
     * Stops the JavaFX toolkit when this class started it (command-line use: call once at the end, or the JVM keeps
     * running because implicit exit is off). Does nothing otherwise; JavaFX cannot be started again afterwards.
     */
    public static synchronized void shutdown() {
        if (startedHere) {
            Platform.exit();
            startedHere = false;
        }
    }

    /**
     * Runs a computation on the JavaFX application thread and waits for it (directly when already on that thread).
     *
     * @throws IllegalStateException wrapping what the computation threw, or when interrupted
     */
    public static <T> T call(Callable<T> work) {
        if (Platform.isFxApplicationThread()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        ensureStarted();
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the JavaFX thread", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(String.valueOf(c.getMessage()), c);
        }
    }

    /**
     * Writes an image as PNG (any thread).
     *
     * @throws IOException when the file cannot be written
     */
    public static void writePng(Image image, Path file) throws IOException {
        BufferedImage bi = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(bi, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
