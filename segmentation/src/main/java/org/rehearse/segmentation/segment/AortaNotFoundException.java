package org.rehearse.segmentation.segment;

/**
 * Thrown by {@link AortaSegmenter#segmentAutomatic} when no aorta can be found without a user's seed. The message
 * says what was searched for and where, so that the user can place a seed by hand instead.
 */
public final class AortaNotFoundException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what was searched and not found */
    public AortaNotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what was searched and not found
     * @param cause the failure of the segmentation from the found seed
     */
    public AortaNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
