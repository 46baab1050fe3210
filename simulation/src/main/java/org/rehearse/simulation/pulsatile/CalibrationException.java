package org.rehearse.simulation.pulsatile;

/** The twin cannot be calibrated to the patient's measurements; the message names the targets and what was reached. */
public class CalibrationException extends IllegalArgumentException {
    /** @param message what could not be reached */
    public CalibrationException(String message) {
        super(message);
    }
}
