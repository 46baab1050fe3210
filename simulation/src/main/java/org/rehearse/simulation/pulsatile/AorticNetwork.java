package org.rehearse.simulation.pulsatile;

import org.rehearse.simulation.hemo.Units;
import org.rehearse.simulation.oned.InletWaveform;
import org.rehearse.simulation.oned.OneDNetwork;
import org.rehearse.simulation.oned.OneDVessel;
import org.rehearse.simulation.oned.StenosisElement;
import org.rehearse.simulation.repair.VesselModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The 1D network of one candidate's aorta: the aorta along its centerline cut into uniform segments of at most
 * {@value #MAX_SEGMENT_MM} mm, each with the mean lumen area of the candidate's diameter profile over its length and
 * joined by junctions (conservation of mass, equal pressure), so that the resting state is kept exactly (a tapered
 * conservative 1D segment is not well balanced: at a mean pressure of 100 mmHg it makes spurious flow), the arch branches joined to it at their origins, the narrowing (diameter below
 * {@value #NARROWED_FRACTION} × the reference) replaced by a lumped Young–Tsai {@link StenosisElement}, and a
 * three-element Windkessel at each outlet (the branches and the descending aorta) from a {@link Periphery}.
 *
 * <p>Wall: Olufsen's empirical stiffness Eh/r0 = k1·exp(k2·r0) + k3 with k1 = 2.00·10⁶ Pa, k2 = −2253 m⁻¹,
 * k3 = 8.65·10⁴ Pa (Olufsen et al. 2000, Ann Biomed Eng 28:1281), h = r0/10; a stented segment
 * ({@link VesselModel#stiffWall(int)}) is {@value #STENT_STIFFNESS_FACTOR} × stiffer. Velocity profile γ = 9 (blunt,
 * as Boileau et al. 2015 for large arteries). The measured lumen is taken as the reference (zero transmural pressure)
 * lumen A0.
 *
 * <p>Labels: aortic segments {@code aorta_0 … aorta_n}, branches by {@link ArchBranch#name()}; the proximal and distal
 * pressure probes are the inlets of two aortic segments (see {@link #proximalLabel()}).
 */
public final class AorticNetwork {
    /** A segment narrower than this fraction of the reference diameter is part of the lumped stenosis. */
    public static final double NARROWED_FRACTION = 0.9;
    /** Olufsen et al. 2000 stiffness constants (Pa, 1/m, Pa). */
    public static final double K1_PA = 2.00e6, K2_PER_M = -2253, K3_PA = 8.65e4;
    /** Stiffening of a stented wall (Eh multiplied). */
    public static final double STENT_STIFFNESS_FACTOR = 10;
    /** Velocity-profile exponent. */
    public static final double GAMMA_PROFILE = 9;
    /** Longest aortic segment (mm). */
    public static final double MAX_SEGMENT_MM = 12;
    /** Shortest aortic segment (mm) outside the stenosis: closer cuts snap together. */
    public static final double MIN_SEGMENT_MM = 8;
    /** Shortest aorta the model accepts (mm) and narrowest lumen (mm). */
    public static final double MIN_LENGTH_MM = 40, MIN_DIAMETER_MM = 2;

    /** One aortic segment: its label and the arc lengths (mm, candidate frame) of its two ends. */
    public record Segment(String label, double startMm, double endMm) {}

    private final OneDNetwork network;
    private final List<Segment> segments;
    private final String proximalLabel, distalLabel;
    private final Map<String, String> outlets;
    private final Map<String, Double> outletDiametersMm;
    private final StenosisElement stenosis;
    private final String stenosisUpstreamLabel;
    private final double throatMm, throatDiameterMm;

    private AorticNetwork(OneDNetwork network, List<Segment> segments, String proximalLabel, String distalLabel,
                          Map<String, String> outlets, Map<String, Double> outletDiametersMm, StenosisElement stenosis,
                          String stenosisUpstreamLabel, double throatMm, double throatDiameterMm) {
        this.network = network;
        this.segments = segments;
        this.proximalLabel = proximalLabel;
        this.distalLabel = distalLabel;
        this.outlets = outlets;
        this.outletDiametersMm = outletDiametersMm;
        this.stenosis = stenosis;
        this.stenosisUpstreamLabel = stenosisUpstreamLabel;
        this.throatMm = throatMm;
        this.throatDiameterMm = throatDiameterMm;
    }

    /**
     * Builds the network.
     *
     * @param vessel      the candidate's vessel (arc length 0 = the aortic inlet)
     * @param branches    arch branches (origins in this vessel's arc length), possibly empty
     * @param proximalMm  arc length of the proximal pressure probe (before the lesion)
     * @param distalMm    arc length of the distal pressure probe (after the lesion)
     * @param periphery   the outlets' Windkessels
     * @param inflow      the inlet flow waveform
     * @param rhoKgM3     blood density (kg/m³)
     * @param muPaS       blood viscosity (Pa·s)
     * @return the network
     * @throws IllegalArgumentException when the vessel is shorter than {@value #MIN_LENGTH_MM} mm or narrower than
     *                                  {@value #MIN_DIAMETER_MM} mm anywhere, or a probe lies outside it
     */
    public static AorticNetwork build(VesselModel vessel, List<ArchBranch> branches, double proximalMm, double distalMm,
                                      Periphery periphery, InletWaveform inflow, double rhoKgM3, double muPaS) {
        double len = vessel.lengthMm(), ref = vessel.referenceDiameterMm();
        if (len < MIN_LENGTH_MM) {
            throw new IllegalArgumentException(String.format(
                    "the vessel is %.0f mm long; the 1D model needs at least %.0f mm of aorta", len, MIN_LENGTH_MM));
        }
        int narrowest = 0;
        for (int i = 0; i < vessel.size(); i++) if (vessel.diameterMm(i) < vessel.diameterMm(narrowest)) narrowest = i;
        double dMin = vessel.diameterMm(narrowest);
        if (dMin < MIN_DIAMETER_MM) {
            throw new IllegalArgumentException(String.format("the lumen narrows to %.1f mm at %.0f mm; the 1D model "
                    + "needs at least %.0f mm (an occlusion cannot be simulated)", dMin, vessel.arcLengthMm(narrowest), MIN_DIAMETER_MM));
        }
        if (!(proximalMm > 0 && proximalMm < distalMm && distalMm < len)) {
            throw new IllegalArgumentException(String.format("pressure probes at %.1f and %.1f mm must lie inside the "
                    + "%.1f mm vessel, proximal first", proximalMm, distalMm, len));
        }
        // the narrowed stretch [a, b] around the narrowest section
        double a = Double.NaN, b = Double.NaN;
        double level = NARROWED_FRACTION * ref;
        if (dMin < level) {
            a = 0;
            b = len;
            for (int i = narrowest; i > 0; i--) {
                if (vessel.diameterMm(i - 1) >= level) { a = cross(vessel, i - 1, i, level); break; }
            }
            for (int i = narrowest; i < vessel.size() - 1; i++) {
                if (vessel.diameterMm(i + 1) >= level) { b = cross(vessel, i, i + 1, level); break; }
            }
            a = Math.max(a, 2);
            b = Math.min(b, len - 2);
            if (b - a < 0.5) { double c = 0.5 * (a + b); a = c - 0.25; b = c + 0.25; }
            if (proximalMm > a - 1) proximalMm = a - 1;
            if (distalMm < b + 1) distalMm = b + 1;
            if (proximalMm < 1 || distalMm > len - 1) {
                throw new IllegalArgumentException(String.format("the narrowing (%.0f–%.0f mm) reaches the end of the "
                        + "%.0f mm vessel; the model needs open vessel on both sides", a, b, len));
            }
        }
        final double sa = a, sb = b;
        List<ArchBranch> kept = new ArrayList<>();
        for (ArchBranch br : branches) {
            double s = br.takeoffMm();
            if (s > 2 && s < len - 2 && (Double.isNaN(sa) || s < sa - 1 || s > sb + 1)) kept.add(br);
        }
        // fixed cuts: the ends and the stenosis; soft cuts (probes, branch origins, wall changes) snap to a cut
        // within MIN_SEGMENT_MM so that no segment is shorter than that (short segments shrink the time step)
        TreeSet<Double> cuts = new TreeSet<>();
        cuts.add(0.0);
        cuts.add(len);
        if (!Double.isNaN(sa)) { cuts.add(sa); cuts.add(sb); }
        for (int i = 1; i < vessel.size(); i++) {
            if (vessel.stiffWall(i) != vessel.stiffWall(i - 1)) {
                double s = 0.5 * (vessel.arcLengthMm(i) + vessel.arcLengthMm(i - 1));
                if (Double.isNaN(sa) || s < sa || s > sb) snap(cuts, s);
            }
        }
        // the proximal probe must start a segment: never the stenosis' start, where a gap (the element) begins
        if (!Double.isNaN(sa)) {
            cuts.remove(sa);
            if (sa - proximalMm < MIN_SEGMENT_MM) proximalMm = Math.max(1, sa - MIN_SEGMENT_MM);
        }
        proximalMm = snap(cuts, proximalMm);
        if (!Double.isNaN(sa)) {
            if (Math.abs(proximalMm - sa) < 1e-9) proximalMm = Math.max(1, sa - MIN_SEGMENT_MM);
            cuts.add(sa);
            cuts.add(proximalMm);
        }
        distalMm = snap(cuts, distalMm);
        List<ArchBranch> snapped = new ArrayList<>();
        for (ArchBranch br : kept) {
            snapped.add(new ArchBranch(br.name(), snap(cuts, br.takeoffMm()), br.diameterMm(), br.lengthMm(), br.assumed()));
        }
        kept = snapped;
        List<Double> pts = new ArrayList<>(cuts);
        List<Double> all = new ArrayList<>();
        for (int i = 0; i + 1 < pts.size(); i++) {
            double s0 = pts.get(i), s1 = pts.get(i + 1);
            // a stented stretch is stiffer: longer segments keep its Courant number near the others'
            boolean stiffStretch = vessel.stiffWall(nearest(vessel, 0.5 * (s0 + s1)));
            double maxLen = MAX_SEGMENT_MM * (stiffStretch ? Math.sqrt(STENT_STIFFNESS_FACTOR) : 1);
            int k = (int) Math.ceil((s1 - s0) / maxLen - 1e-9);
            for (int j = 0; j < k; j++) all.add(s0 + (s1 - s0) * j / k);
        }
        all.add(len);

        List<OneDVessel> vessels = new ArrayList<>();
        List<Segment> segs = new ArrayList<>();
        Map<String, String> outlets = new LinkedHashMap<>();
        Map<String, Double> outletD = new LinkedHashMap<>();
        int node = 1, nextNode = 2;
        String prox = null, dist = null, upstreamOfStenosis = null;
        StenosisElement el = null;
        List<double[]> outletSpecs = new ArrayList<>(); // placeholder for Windkessel assignment
        List<String> outletVessel = new ArrayList<>();
        List<Double> outletDiam = new ArrayList<>();
        List<Boolean> outletDesc = new ArrayList<>();
        int seg = 0;
        for (int i = 0; i + 1 < all.size(); i++) {
            double s0 = all.get(i), s1 = all.get(i + 1);
            boolean inStenosis = !Double.isNaN(sa) && s0 >= sa - 1e-9 && s1 <= sb + 1e-9;
            if (inStenosis) {
                el = new StenosisElement(node, Units.mmToM(ref), Units.mmToM(Math.min(dMin, ref)), Units.mmToM(sb - sa),
                        Units.mmToM(throatLengthMm(vessel, sa, sb, dMin + 0.25 * (ref - dMin))));
                upstreamOfStenosis = "aorta_" + (seg - 1);
                continue; // the next segment starts at the same node
            }
            String label = "aorta_" + seg++;
            int from = node, to = nextNode++;
            boolean last = i + 2 == all.size();
            double r0 = meanRadiusMm(vessel, s0, s1), r1 = r0;
            boolean stiff = vessel.stiffWall(nearest(vessel, 0.5 * (s0 + s1)));
            vessels.add(vessel(label, from, to, s1 - s0, r0, r1, stiff, periphery.wallStiffnessFactor()));
            segs.add(new Segment(label, s0, s1));
            if (Math.abs(s0 - proximalMm) < 1e-9 && prox == null) prox = label;
            if (Math.abs(s0 - distalMm) < 1e-9 && dist == null) dist = label;
            if (last) {
                outletVessel.add(label);
                outletDiam.add(2 * r1);
                outletDesc.add(true);
                outlets.put("descending_aorta", label);
            }
            for (ArchBranch br : kept) {
                if (Math.abs(br.takeoffMm() - s1) < 1e-9 && !last) {
                    int bn = nextNode++;
                    vessels.add(vessel(br.name(), to, bn, br.lengthMm(), br.diameterMm() / 2, br.diameterMm() / 2, false, periphery.wallStiffnessFactor()));
                    outletVessel.add(br.name());
                    outletDiam.add(br.diameterMm());
                    outletDesc.add(false);
                    outlets.put(br.name(), br.name());
                }
            }
            node = to;
        }
        // a probe that snapped onto a cut where no segment starts (the vessel's end) takes the nearest segment start
        if (prox == null) prox = nearestStart(segs, proximalMm, null);
        if (dist == null || dist.equals(prox)) dist = nearestStart(segs, distalMm, prox);
        if (prox == null || dist == null) {
            throw new IllegalArgumentException(String.format("the vessel (%.0f mm) is too short to place pressure probes "
                    + "before and after its narrowest section", len));
        }
        // Windkessels by Murray's law
        double sum = 0;
        for (double d : outletDiam) sum += d * d * d;
        List<OneDVessel> withWk = new ArrayList<>();
        for (OneDVessel v : vessels) {
            int k = outletVessel.indexOf(v.label());
            if (k < 0) { withWk.add(v); continue; }
            double d = outletDiam.get(k);
            double share = d * d * d / sum;
            double rTot = periphery.totalResistancePaSM3() / share * (outletDesc.get(k) ? periphery.descendingFactor() : 1);
            double rEnd = v.r0OutletM(), aEnd = Math.PI * rEnd * rEnd;
            double c = Math.sqrt(v.beta() / (2 * rhoKgM3 * Math.sqrt(aEnd)));
            double z = rhoKgM3 * c / aEnd;
            double r1 = Math.min(z, 0.5 * rTot);
            OneDVessel.Windkessel wk = new OneDVessel.Windkessel(r1, rTot - r1,
                    periphery.totalComplianceM3Pa() * share, periphery.venousPressurePa());
            withWk.add(new OneDVessel(v.label(), v.sourceNode(), v.targetNode(), v.lengthM(), v.r0InletM(), v.r0OutletM(),
                    v.wallThicknessM(), v.youngModulusPa(), v.gammaProfile(), wk));
            outletD.put(outlets.entrySet().stream().filter(e -> e.getValue().equals(v.label())).findFirst().get().getKey(), d);
        }
        OneDNetwork net = new OneDNetwork("aorta", rhoKgM3, muPaS, withWk, inflow, 0.0,
                el == null ? List.of() : List.of(el));
        return new AorticNetwork(net, List.copyOf(segs), prox, dist, outlets, outletD, el, upstreamOfStenosis,
                vessel.arcLengthMm(narrowest), dMin);
    }

    /** Adds a soft cut, or returns the existing cut within {@value #MIN_SEGMENT_MM} mm that it snaps to. */
    private static double snap(TreeSet<Double> cuts, double s) {
        Double lo = cuts.floor(s), hi = cuts.ceiling(s);
        double best = Double.NaN;
        if (lo != null && s - lo < MIN_SEGMENT_MM) best = lo;
        if (hi != null && hi - s < MIN_SEGMENT_MM && (Double.isNaN(best) || hi - s < s - best)) best = hi;
        if (!Double.isNaN(best)) return best;
        cuts.add(s);
        return s;
    }

    /** The segment whose start is nearest to s (after {@code after}'s start when given), or null. */
    private static String nearestStart(List<Segment> segs, double s, String after) {
        double from = Double.NEGATIVE_INFINITY;
        for (Segment g : segs) if (g.label().equals(after)) from = g.startMm();
        Segment best = null;
        for (Segment g : segs) {
            if (g.startMm() <= from) continue;
            if (best == null || Math.abs(g.startMm() - s) < Math.abs(best.startMm() - s)) best = g;
        }
        return best == null ? null : best.label();
    }

    /** Length (mm) of [a, b] where the diameter is at most {@code level}, sampled every 0.1 mm. */
    private static double throatLengthMm(VesselModel v, double a, double b, double level) {
        int k = Math.max(1, (int) Math.ceil((b - a) / 0.1));
        int in = 0;
        for (int i = 0; i < k; i++) if (v.diameterAtMm(a + (b - a) * (i + 0.5) / k) <= level) in++;
        return (b - a) * in / k;
    }

    /** Radius (mm) of the uniform tube with the segment's mean lumen area, sampled every 0.5 mm. */
    private static double meanRadiusMm(VesselModel v, double s0, double s1) {
        int k = Math.max(2, (int) Math.ceil((s1 - s0) / 0.5));
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            double d = v.diameterAtMm(s0 + (s1 - s0) * i / k);
            sum += (i == 0 || i == k ? 0.5 : 1.0) * d * d;
        }
        return 0.5 * Math.sqrt(sum / k);
    }

    private static double cross(VesselModel v, int i, int j, double level) {
        double di = v.diameterMm(i), dj = v.diameterMm(j);
        return v.arcLengthMm(i) + (v.arcLengthMm(j) - v.arcLengthMm(i)) * (level - di) / (dj - di);
    }

    private static int nearest(VesselModel v, double s) {
        int best = 0;
        for (int i = 1; i < v.size(); i++) {
            if (Math.abs(v.arcLengthMm(i) - s) < Math.abs(v.arcLengthMm(best) - s)) best = i;
        }
        return best;
    }

    /** Olufsen's Eh/r0 (Pa) for a reference radius (m). */
    static double ehOverR0Pa(double r0M) {
        return K1_PA * Math.exp(K2_PER_M * r0M) + K3_PA;
    }

    private static OneDVessel vessel(String label, int from, int to, double lengthMm, double r0Mm, double r1Mm,
                                     boolean stiff, double stiffnessFactor) {
        double rm = Units.mmToM(0.5 * (r0Mm + r1Mm));
        double h = rm / 10;
        double e = ehOverR0Pa(rm) * rm / h * (stiff ? STENT_STIFFNESS_FACTOR : 1) * stiffnessFactor;
        return new OneDVessel(label, from, to, Units.mmToM(lengthMm), Units.mmToM(r0Mm), Units.mmToM(r1Mm), h, e,
                GAMMA_PROFILE, null);
    }

    /** @return the solver input */
    public OneDNetwork network() { return network; }

    /** @return the aortic segments, proximal to distal (the stenosis gap between two of them) */
    public List<Segment> segments() { return segments; }

    /** @return the aortic segment whose inlet is the proximal probe */
    public String proximalLabel() { return proximalLabel; }

    /** @return the aortic segment whose inlet is the distal probe */
    public String distalLabel() { return distalLabel; }

    /** @return outlet name → vessel label (its end, probe fraction 1, is the outlet), branches then descending aorta */
    public Map<String, String> outlets() { return outlets; }

    /** @return outlet name → diameter of its vessel end (mm) */
    public Map<String, Double> outletDiametersMm() { return outletDiametersMm; }

    /** @return the lumped stenosis, or null when nothing narrows below {@value #NARROWED_FRACTION} × the reference */
    public StenosisElement stenosis() { return stenosis; }

    /** @return the segment ending at the stenosis, or null */
    public String stenosisUpstreamLabel() { return stenosisUpstreamLabel; }

    /** @return arc length (mm) of the narrowest section */
    public double throatMm() { return throatMm; }

    /** @return diameter (mm) of the narrowest section */
    public double throatDiameterMm() { return throatDiameterMm; }

    /** @param s arc length (mm) @return the label of the aortic segment containing s (the stenosis counts as upstream) */
    public String segmentAt(double s) {
        Segment best = segments.get(0);
        for (Segment g : segments) if (g.startMm() <= s) best = g;
        return best.label();
    }
}
