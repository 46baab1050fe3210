package org.rehearse.app.ui.segment;

import javafx.concurrent.Task;
import org.rehearse.segmentation.Progress;

/**
 * A cancellable background job of the segment editor as a JavaFX {@link Task}: the work gets a {@link Progress} whose
 * updates drive the task's progress and message and whose {@code isCancelled} follows the task's cancellation.
 *
 * @param <T> the result
 */
public final class EditorTask<T> extends Task<T> {
    /** The work; runs off the FX thread and must not touch the scene graph. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param p progress and cancellation
         * @return the result
         * @throws Exception any failure; {@link IllegalArgumentException} messages are shown to the user as they are
         */
        T run(Progress p) throws Exception;
    }

    private final Work<T> work;

    /**
     * @param title what the job does (shown in the status bar)
     * @param work  the work
     */
    public EditorTask(String title, Work<T> work) {
        this.work = work;
        updateTitle(title);
        updateMessage(title + "…");
        updateProgress(-1, 1);
    }

    @Override
    protected T call() throws Exception {
        Progress p = new Progress() {
            @Override
            public void update(double fraction, String message) {
                updateProgress(fraction < 0 || Double.isNaN(fraction) ? -1 : Math.min(1, fraction), 1);
                if (message != null) {
                    updateMessage(message);
                }
            }

            @Override
            public boolean isCancelled() {
                return EditorTask.this.isCancelled();
            }
        };
        return work.run(p);
    }
}
