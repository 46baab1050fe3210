package org.rehearse.segmentation;

/**
 * Progress and cancellation of a long operation, so that algorithms report to a progress bar (app) or a log line
 * (CLI) without knowing which. Implementations must be thread-safe: algorithms call them from worker threads.
 */
public interface Progress {
    /** Progress that reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override public void update(double fraction, String message) { }
        @Override public boolean isCancelled() { return false; }
    };

    /**
     * @param fraction completed fraction in [0, 1], or a negative value when unknown
     * @param message  what is being done, for a status line; may be null
     */
    void update(double fraction, String message);

    /** @return true when the user asked to stop; long loops check this and throw {@link CancelledException} */
    boolean isCancelled();

    /** @throws CancelledException when {@link #isCancelled()} */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** A view of this progress that maps [0, 1] onto [from, to] of this one, for one step of a longer job. */
    default Progress sub(double from, double to) {
        Progress parent = this;
        return new Progress() {
            @Override public void update(double fraction, String message) {
                parent.update(fraction < 0 ? -1 : from + (to - from) * Math.min(1, fraction), message);
            }
            @Override public boolean isCancelled() { return parent.isCancelled(); }
        };
    }

    /** Thrown by long operations when the user cancelled them. */
    final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public CancelledException() {
            super("cancelled by the user");
        }
    }
}
