package org.rehearse.simulation.oned;

/** Thrown when the 1D solution blows up (non-finite or non-positive area, or a boundary/junction Newton fails). */
public class SolverDivergedException extends IllegalStateException {
    private final String vessel;
    private final double timeS;

    /**
     * @param vessel the label of the vessel where it was detected
     * @param timeS  simulated time (s) of detection
     * @param detail what was detected
     */
    public SolverDivergedException(String vessel, double timeS, String detail) {
        super("1D solver diverged in vessel '" + vessel + "' at t = " + timeS + " s: " + detail);
        this.vessel = vessel;
        this.timeS = timeS;
    }

    /** @return the vessel label */
    public String vessel() { return vessel; }

    /** @return the simulated time (s) */
    public double timeS() { return timeS; }
}
