package org.rehearse.app.workflow;

/**
 * A failure of a case step that the user can understand and act on. The message is shown to the user as it is:
 * one or two plain sentences naming what (file, series, value) is wrong, never a stack trace.
 */
public class CaseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param userMessage the message shown to the user */
    public CaseException(String userMessage) {
        super(userMessage);
    }

    /**
     * @param userMessage the message shown to the user
     * @param cause       the underlying error (logged, not shown)
     */
    public CaseException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
