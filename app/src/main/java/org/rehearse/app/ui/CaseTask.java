package org.rehearse.app.ui;

import javafx.concurrent.Task;
import org.rehearse.app.workflow.CaseException;
import org.rehearse.app.workflow.TaskProgress;
import org.rehearse.segmentation.Progress;

/**
 * One step of the workflow (scan, load, segment, compare, a segment-editor tool) as a cancellable JavaFX {@link Task}:
 * the work gets a
 * {@link Progress} whose updates drive the task's progress and message and whose {@code isCancelled} follows the
 * task's cancellation.
 *
 * @param <T> the step's result
 */
public class CaseTask<T> extends Task<T> {
    /** The work of a step; runs off the FX thread and must not touch the scene graph. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param p progress and cancellation
         * @return the result
         * @throws Exception any failure; a {@link CaseException} or {@link IllegalArgumentException} message is shown
         *                   to the user as it is
         */
        T run(Progress p) throws Exception;
    }

    private final Work<T> work;

    /**
     * @param title what the step does, shown in the status bar ("Loading series …")
     * @param work  the work
     */
    public CaseTask(String title, Work<T> work) {
        this.work = work;
        updateTitle(title);
        updateMessage(title);
        updateProgress(-1, 1);
    }

    @Override
    protected T call() throws Exception {
        Progress p = new TaskProgress(new TaskProgress.Sink() {
            @Override
            public void progress(double fraction, String message) {
                updateProgress(fraction < 0 || Double.isNaN(fraction) ? -1 : Math.min(1, fraction), 1);
                if (message != null) {
                    updateMessage(message);
                }
            }

            @Override
            public boolean cancelled() {
                return isCancelled();
            }
        });
        return work.run(p);
    }
}
