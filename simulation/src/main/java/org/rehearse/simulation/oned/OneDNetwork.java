package org.rehearse.simulation.oned;

import java.util.List;

/**
 * A 1D arterial network: blood properties, vessels joined at nodes, one inlet with a prescribed flow.
 * The inlet is the {@code sourceNode} of the vessel whose source node is no vessel's target node.
 *
 * @param name       case name (openBF {@code project_name})
 * @param rhoKgM3    blood density ρ (kg/m³)
 * @param muPaS      blood dynamic viscosity μ (Pa·s)
 * @param vessels    the vessels (at least one)
 * @param inlet      the inlet flow waveform
 * @param externalPressurePa external (reference) pressure Pext of the tube law (Pa); openBF uses 0
 * @param stenoses   lumped stenoses, each at a node where exactly one vessel ends and one begins (may be empty)
 */
public record OneDNetwork(String name, double rhoKgM3, double muPaS, List<OneDVessel> vessels, InletWaveform inlet,
                          double externalPressurePa, List<StenosisElement> stenoses) {

    /** A network without lumped stenoses. */
    public OneDNetwork(String name, double rhoKgM3, double muPaS, List<OneDVessel> vessels, InletWaveform inlet,
                       double externalPressurePa) {
        this(name, rhoKgM3, muPaS, vessels, inlet, externalPressurePa, List.of());
    }

    /** @throws IllegalArgumentException on a non-positive ρ or μ, or no vessels */
    public OneDNetwork {
        if (!(rhoKgM3 > 0) || !(muPaS > 0) || !Double.isFinite(rhoKgM3 + muPaS)) {
            throw new IllegalArgumentException("network " + name + ": rho and mu must be > 0, got rho=" + rhoKgM3
                    + " mu=" + muPaS);
        }
        if (vessels == null || vessels.isEmpty()) throw new IllegalArgumentException("network " + name + ": no vessels");
        vessels = List.copyOf(vessels);
        stenoses = stenoses == null ? List.of() : List.copyOf(stenoses);
        if (inlet == null) throw new IllegalArgumentException("network " + name + ": no inlet waveform");
    }

    /** @param label a vessel label @return that vessel @throws IllegalArgumentException when absent */
    public OneDVessel vessel(String label) {
        return vessels.stream().filter(v -> v.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("network " + name + " has no vessel '" + label + "'"));
    }
}
