package org.rehearse.simulation.repair;

import java.util.Map;

/** The native (unrepaired) vessel, the baseline candidate. Has no parameters; {@link #apply} returns the vessel. */
public final class NativeRepair extends AbstractRepair {
    /** The native candidate. */
    public NativeRepair() {
        super("native", Map.of());
    }

    @Override
    protected Repair create(Map<String, Double> parameters) { return new NativeRepair(); }

    @Override
    public String description() { return "native (no repair)"; }

    /** Nothing to check. */
    @Override
    public void validate(VesselModel vessel) { }

    @Override
    protected VesselModel applyValidated(VesselModel vessel) { return vessel; }
}
