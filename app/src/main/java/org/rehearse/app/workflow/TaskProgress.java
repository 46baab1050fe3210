package org.rehearse.app.workflow;

import org.rehearse.segmentation.Progress;

/**
 * A {@link Progress} that forwards to a JavaFX task: {@code update} goes to the task's progress and message (JavaFX
 * coalesces them onto the FX thread), {@code isCancelled} asks the task. Thread-safe.
 */
public final class TaskProgress implements Progress {
    /** What a task offers to a progress adapter. */
    public interface Sink {
        /**
         * @param fraction [0, 1] or negative for unknown
         * @param message  status text, or null to keep the previous one
         */
        void progress(double fraction, String message);

        /** @return true when the task was cancelled */
        boolean cancelled();
    }

    private final Sink sink;

    /** @param sink the task's progress and cancellation */
    public TaskProgress(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void update(double fraction, String message) {
        sink.progress(fraction, message);
    }

    @Override
    public boolean isCancelled() {
        return sink.cancelled() || Thread.currentThread().isInterrupted();
    }
}
