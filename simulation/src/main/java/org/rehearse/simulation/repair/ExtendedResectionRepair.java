package org.rehearse.simulation.repair;

import java.util.Map;

/**
 * Extended end-to-end anastomosis (extended resection): the coarctation [startMm, endMm] is resected as in
 * {@link ResectionRepair}, and the anastomosis is carried proximally along the underside of the distal arch, which is
 * opened from {@code archStartMm} to the resection and joined to the descending aorta, so that the hypoplastic
 * distal arch is enlarged to {@code anastomosisDiameterMm} as well. The vessel shortens by the resected length.
 *
 * <p>Parameters: {@code archStartMm}, {@code startMm}, {@code endMm}, {@code anastomosisDiameterMm},
 * {@code shoulderMm}. Limits: 0 ≤ archStart &lt; start &lt; end ≤ length, resected length ≤
 * {@value ResectionRepair#MAX_RESECTION_MM} mm, 0 &lt; diameter ≤ 1.2 × reference, 0 ≤ shoulder ≤ 50 mm.
 * (Technique: e.g. Wood et al. 2004, Ann Thorac Surg 77:1353.)
 */
public final class ExtendedResectionRepair extends AbstractRepair {

    /**
     * @param archStartMm           arc length (mm) where the opened arch underside begins
     * @param startMm               start of the resected segment (mm)
     * @param endMm                 end of the resected segment (mm)
     * @param anastomosisDiameterMm lumen diameter (mm) of the anastomosis and the enlarged arch
     * @param shoulderMm            smooth transition (mm) at each end
     */
    public ExtendedResectionRepair(double archStartMm, double startMm, double endMm, double anastomosisDiameterMm,
                                   double shoulderMm) {
        super("extended_resection", params(KEYS, archStartMm, startMm, endMm, anastomosisDiameterMm, shoulderMm));
    }

    private static final String[] KEYS = {"archStartMm", "startMm", "endMm", "anastomosisDiameterMm", "shoulderMm"};

    @Override
    protected Repair create(Map<String, Double> p) {
        return new ExtendedResectionRepair(p.get("archStartMm"), p.get("startMm"), p.get("endMm"),
                p.get("anastomosisDiameterMm"), p.get("shoulderMm"));
    }

    private ResectionRepair resection() {
        return new ResectionRepair(param("startMm"), param("endMm"), param("anastomosisDiameterMm"), param("shoulderMm"));
    }

    @Override
    public String description() {
        return String.format("extended resection %.1f mm (%.1f–%.1f mm), arch opened from %.1f mm, anastomosis %.1f mm",
                param("endMm") - param("startMm"), param("startMm"), param("endMm"), param("archStartMm"),
                param("anastomosisDiameterMm"));
    }

    @Override
    public void validate(VesselModel vessel) {
        double arch = param("archStartMm"), a = param("startMm");
        if (!(arch < a)) {
            throw new IllegalArgumentException(String.format("extended resection: the arch opening must begin before the "
                    + "resection, got archStartMm %.1f mm and startMm %.1f mm", arch, a));
        }
        requireWithinVessel("opened arch", arch, a, vessel);
        resection().validate(vessel);
    }

    @Override
    protected VesselModel applyValidated(VesselModel v) {
        VesselModel opened = widen(v, param("archStartMm"), param("startMm"), param("shoulderMm"),
                param("anastomosisDiameterMm"), false);
        return resection().apply(opened);
    }

    /** Native length kept; the arch opening and the resected segment widened to the anastomosis diameter. */
    @Override
    public VesselModel applyForDisplay(VesselModel vessel) {
        validate(vessel);
        VesselModel opened = widen(vessel, param("archStartMm"), param("startMm"), param("shoulderMm"),
                param("anastomosisDiameterMm"), false);
        return resection().applyForDisplay(opened);
    }

    @Override
    public double mapArcLengthMm(double nativeArcLengthMm) {
        return resection().mapArcLengthMm(nativeArcLengthMm);
    }
}
