package org.rehearse.app.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rehearse.app.workflow.CaseException;
import org.rehearse.app.workflow.CaseService;
import org.rehearse.app.workflow.ComparisonResult;
import org.rehearse.app.workflow.LoadedImage;
import org.rehearse.app.workflow.SampleCase;
import org.rehearse.app.workflow.SegmentationResult;
import org.rehearse.app.workflow.SeriesChoice;
import org.rehearse.rendering.CandidateDisplay;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * A test-only {@link CaseService} without the real algorithms: a synthetic CT (a bright, gently curved tube with a
 * narrowing, in a 64×64×40 grid with 0.8 × 0.8 × 2.0 mm voxels), a threshold mask, and an analytic tube surface.
 * Switches make it fail or block so that the UI's error and cancel paths can be tested.
 */
final class SyntheticCaseService implements CaseService {
    static final int NX = 64, NY = 64, NZ = 40;
    static final String UID = "1.2.826.0.1.3680043.2.1125.1";
    static final double LUMEN_HU = 350;

    final AtomicBoolean failLoad = new AtomicBoolean();
    final AtomicBoolean crashSegment = new AtomicBoolean();
    final AtomicBoolean blockSegment = new AtomicBoolean();
    final AtomicBoolean sawCancel = new AtomicBoolean();
    final CountDownLatch segmentStarted = new CountDownLatch(1);
    volatile int seriesCount = 1;
    volatile int candidateCount = 3;
    volatile String lastLoadedUid;

    static final ImageGeometry GEOMETRY = ImageGeometry.axial(NX, NY, NZ, new double[] {0.8, 0.8, 2.0},
            new double[] {-25.2, -40.0, 100.0});

    /** Tube centre (column, row) at slice k, in voxels. */
    static double[] centre(double k) {
        return new double[] {32 + 8 * Math.sin(k / 12.0), 28 + 3 * Math.cos(k / 9.0)};
    }

    /** Tube radius at slice k, in voxels (column spacing): 7 with a narrowing to 3 at k = 20. */
    static double radius(double k) {
        return 7 - 4 * Math.exp(-Math.pow((k - 20) / 3.0, 2));
    }

    @Override
    public List<SeriesChoice> scanFolder(Path folder, Progress p) throws CaseException {
        List<SeriesChoice> out = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            out.add(new SeriesChoice(UID + "." + s, "Synthetic CTA " + (s + 1), NZ, "CT"));
        }
        return out;
    }

    @Override
    public LoadedImage loadSeries(Path folder, String seriesUid, Progress p) throws CaseException {
        if (failLoad.get()) {
            throw new CaseException("Cannot read series " + seriesUid + " in " + folder + ": the file IM0001 is not a DICOM file.");
        }
        lastLoadedUid = seriesUid;
        short[] v = new short[NX * NY * NZ];
        for (int k = 0; k < NZ; k++) {
            p.checkCancelled();
            p.update((double) k / NZ, "Reading slice " + (k + 1));
            double[] c = centre(k);
            double r = radius(k);
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    double d = Math.hypot(i - c[0], j - c[1]);
                    double body = Math.hypot(i - 32, j - 32);
                    double hu = body > 30 ? -950 : d <= r ? LUMEN_HU : 40 + 10 * ((i * 7 + j * 13 + k * 5) % 5 - 2);
                    v[GEOMETRY.index(i, j, k)] = (short) hu;
                }
            }
        }
        return new LoadedImage(new Volume(GEOMETRY, v, "CT"), List.of(), "Synthetic CTA (test)", null);
    }

    /** A seed inside the tube at slice 30 (LPS mm). */
    static double[] seedInTube() {
        double[] c = centre(30);
        return GEOMETRY.indexToLps(new double[] {Math.round(c[0]), Math.round(c[1]), 30}, null);
    }

    @Override
    public SegmentationResult segment(Volume volume, double[] seedLps, Progress p) throws CaseException {
        segmentStarted.countDown();
        if (blockSegment.get()) {
            // a long step: runs until cancelled (bounded so that a broken cancel cannot hang the build)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!p.isCancelled() && System.nanoTime() < until) {
                p.update(-1, "Working very hard");
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sawCancel.set(p.isCancelled());
            throw new Progress.CancelledException();
        }
        if (crashSegment.get()) {
            throw new IllegalStateException("synthetic bug");
        }
        ImageGeometry g = volume.geometry();
        double[] ijk = g.lpsToIndex(seedLps, null);
        int si = (int) Math.round(ijk[0]), sj = (int) Math.round(ijk[1]), sk = (int) Math.round(ijk[2]);
        if (!g.contains(si, sj, sk) || volume.get(si, sj, sk) < 200) {
            throw new CaseException(String.format("The seed (%.1f, %.1f, %.1f) mm is not inside a contrast-filled vessel.",
                    seedLps[0], seedLps[1], seedLps[2]));
        }
        LabelMap mask = new LabelMap(g);
        for (int n = 0; n < volume.values().length; n++) {
            if (volume.values()[n] >= 200) {
                mask.labels()[n] = 1;
            }
        }
        SurfaceMesh surface = tube(g, 0);
        return new SegmentationResult(mask, surface, String.format("Lumen %.1f mL, %d triangles (synthetic)",
                mask.volumeMl(), surface.triangleCount()));
    }

    /** The tube surface in LPS, with the narrowing widened by {@code repairVoxels} (capped, outward). */
    static SurfaceMesh tube(ImageGeometry g, double repairVoxels) {
        int rings = 60, sides = 32;
        int nv = rings * sides + 2;
        float[] pts = new float[3 * nv];
        double[] tmp = new double[3];
        for (int a = 0; a < rings; a++) {
            double k = (NZ - 1) * a / (double) (rings - 1);
            double[] c = centre(k);
            double r = Math.min(7, radius(k) + repairVoxels * Math.exp(-Math.pow((k - 20) / 3.0, 2)));
            for (int s = 0; s < sides; s++) {
                double th = 2 * Math.PI * s / sides;
                g.indexToLps(new double[] {c[0] + r * Math.cos(th), c[1] + r * Math.sin(th), k}, tmp);
                for (int d = 0; d < 3; d++) {
                    pts[3 * (a * sides + s) + d] = (float) tmp[d];
                }
            }
        }
        int bottom = rings * sides, top = bottom + 1;
        double[] c0 = centre(0), c1 = centre(NZ - 1);
        g.indexToLps(new double[] {c0[0], c0[1], 0}, tmp);
        for (int d = 0; d < 3; d++) {
            pts[3 * bottom + d] = (float) tmp[d];
        }
        g.indexToLps(new double[] {c1[0], c1[1], NZ - 1}, tmp);
        for (int d = 0; d < 3; d++) {
            pts[3 * top + d] = (float) tmp[d];
        }
        int[] t = new int[3 * (2 * sides * (rings - 1) + 2 * sides)];
        int n = 0;
        for (int a = 0; a + 1 < rings; a++) {
            for (int s = 0; s < sides; s++) {
                int a0 = a * sides + s, a1 = a * sides + (s + 1) % sides, b0 = a0 + sides, b1 = a1 + sides;
                t[n++] = a0; t[n++] = a1; t[n++] = b1;
                t[n++] = a0; t[n++] = b1; t[n++] = b0;
            }
        }
        for (int s = 0; s < sides; s++) {
            t[n++] = bottom; t[n++] = (s + 1) % sides; t[n++] = s;
            int b0 = (rings - 1) * sides + s, b1 = (rings - 1) * sides + (s + 1) % sides;
            t[n++] = top; t[n++] = b0; t[n++] = b1;
        }
        return new SurfaceMesh(pts, t, null);
    }

    @Override
    public ComparisonResult compareRepairs(Volume volume, SegmentationResult seg, double[] seedLps, Progress p) {
        String[] names = {"Resection + end-to-end", "Patch aortoplasty", "Stent", "Balloon angioplasty", "Do nothing", "Extra"};
        List<CandidateDisplay> list = new ArrayList<>();
        for (int c = 0; c < candidateCount; c++) {
            double widen = 4 - c; // voxels added back at the narrowing
            double minDiameterMm = 2 * Math.min(7, 3 + Math.max(0, widen)) * 0.8;
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("Peak gradient (mmHg)", 4 + 30 * c / (double) Math.max(1, candidateCount - 1));
            out.put("Minimum diameter (mm)", minDiameterMm);
            out.put("Flow (mL/s)", 80.0);
            list.add(new CandidateDisplay(names[c], "synthetic candidate " + (c + 1), tube(volume.geometry(), Math.max(0, widen)), out));
        }
        return new ComparisonResult(list, "Synthetic comparison for tests.");
    }

    /** Kinds of the default candidates, by index (as named in {@link #compareRepairs}). */
    static final String[] KINDS = {"resection", "patch", "stent", "balloon", "native", "stent"};
    /** Largest diameter the fake vessel accepts (mm). */
    static final double MAX_DIAMETER_MM = 14;
    final java.util.concurrent.atomic.AtomicInteger comparisons = new java.util.concurrent.atomic.AtomicInteger();

    static Map<String, Double> defaultParameters(String kind) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!kind.equals("native")) {
            m.put("positionMm", 40.0);
            m.put("lengthMm", 20.0);
            m.put("diameterMm", 11.0);
        }
        return m;
    }

    @Override
    public ComparisonResult compareCandidates(Volume volume, SegmentationResult seg, double[] seedLps,
                                              List<org.rehearse.app.casefile.CandidateSpec> specs, Progress p)
            throws CaseException {
        comparisons.incrementAndGet();
        List<org.rehearse.app.casefile.CandidateSpec> used = new ArrayList<>(specs);
        if (used.isEmpty()) {
            ComparisonResult plain = compareRepairs(volume, seg, seedLps, p);
            for (int c = 0; c < plain.candidates().size(); c++) {
                used.add(new org.rehearse.app.casefile.CandidateSpec(plain.candidates().get(c).name(), KINDS[c],
                        defaultParameters(KINDS[c])));
            }
        }
        List<CandidateDisplay> list = new ArrayList<>();
        for (org.rehearse.app.casefile.CandidateSpec c : used) {
            p.checkCancelled();
            String problem = checkCandidate(c);
            if (problem != null) {
                throw new CaseException("Candidate '" + c.name() + "' does not fit the vessel: " + problem);
            }
            double d = c.parameters().getOrDefault("diameterMm", 2 * 3 * 0.8);
            double widen = Math.max(0, d / 2 / 0.8 - 3);
            double gradient = Math.max(1, 34 - 2.5 * (d - 4.8));
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("Peak gradient (mmHg)", gradient);
            out.put("Minimum diameter (mm)", d);
            out.put("Flow (mL/s)", 80.0);
            SurfaceMesh surface = tube(volume.geometry(), widen);
            list.add(new CandidateDisplay(c.name(), c.kind() + " " + c.parameters(), surface, out, null,
                    hemodynamics(surface, gradient)));
        }
        // the tube's axis as the centerline of the markers (arc length from slice 0)
        double[] pts = new double[3 * NZ], arc = new double[NZ], rad = new double[NZ];
        for (int k = 0; k < NZ; k++) {
            double[] c = centre(k);
            double[] lps = GEOMETRY.indexToLps(new double[] {c[0], c[1], k}, null);
            System.arraycopy(lps, 0, pts, 3 * k, 3);
            rad[k] = 0.8 * radius(k);
            if (k > 0) {
                double dx = pts[3 * k] - pts[3 * k - 3], dy = pts[3 * k + 1] - pts[3 * k - 2], dz = pts[3 * k + 2] - pts[3 * k - 1];
                arc[k] = arc[k - 1] + Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
        }
        return new ComparisonResult(list, "Synthetic comparison for tests.", used,
                new org.rehearse.rendering.RepairMarkers(pts, arc, Map.of(), rad));
    }

    /** Systolic pressure 120 mmHg falling by the gradient across the narrowing at 40 mm (z = 140 mm LPS). */
    static org.rehearse.rendering.CandidateHemodynamics hemodynamics(SurfaceMesh surface, double gradient) {
        int m = 40;
        double[] s = new double[m], sys = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = 2 * i;
            sys[i] = 120 - gradient / (1 + Math.exp(-(s[i] - 40) / 3));
        }
        int n = 50;
        double[] t = new double[n], prox = new double[n], dist = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.8 * i / n;
            double wave = Math.max(0, Math.sin(Math.PI * t[i] / 0.35));
            prox[i] = 75 + 45 * wave;
            dist[i] = 75 + (45 - gradient) * wave;
        }
        float[] pts = surface.pointsLps();
        double[] v = new double[surface.vertexCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = org.rehearse.app.workflow.CenterlineScalars.interpolate(s, sys, pts[3 * i + 2] - 100);
        }
        return new org.rehearse.rendering.CandidateHemodynamics(s, sys, t, prox, dist, gradient, gradient * 0.8,
                gradient * 1.25, v);
    }

    @Override
    public org.rehearse.app.casefile.CandidateSpec newCandidate(String kind, String name) {
        return new org.rehearse.app.casefile.CandidateSpec(name, kind, defaultParameters(kind));
    }

    @Override
    public String checkCandidate(org.rehearse.app.casefile.CandidateSpec c) {
        Double d = c.parameters().get("diameterMm");
        if (d != null && d > MAX_DIAMETER_MM) {
            return String.format(java.util.Locale.ROOT, "diameterMm %.1f mm is above the largest the vessel takes, %.1f mm",
                    d, MAX_DIAMETER_MM);
        }
        Double len = c.parameters().get("lengthMm");
        if (len != null && len <= 0) {
            return "lengthMm must be positive, got " + len;
        }
        return null;
    }

    /** Cases saved through {@link #saveCase}: folder → state (in memory; nothing is written). */
    final Map<Path, org.rehearse.app.workflow.CaseState> saved = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, {@link #openCase} reports the case's series as changed. */
    final AtomicBoolean seriesChanged = new AtomicBoolean();

    @Override
    public void saveCase(Path caseFolder, org.rehearse.app.workflow.CaseState state, Progress p) {
        saved.put(caseFolder, state);
    }

    @Override
    public org.rehearse.app.workflow.OpenedCase openCase(Path caseFolder, Path dicomFolder, Progress p) throws CaseException {
        org.rehearse.app.workflow.CaseState st = saved.get(caseFolder);
        if (st == null) {
            throw new CaseException(caseFolder.resolve("case.json") + ": no case file here");
        }
        if (seriesChanged.get()) {
            throw new CaseException(caseFolder.resolve("case.json") + ": the series " + st.seriesUid()
                    + " has changed since the case was saved (4 image files now, 40 when the case was saved)");
        }
        LoadedImage img = loadSeries(st.dicomFolder(), st.seriesUid(), p);
        SegmentationResult seg = st.segmentation() == null ? null
                : new SegmentationResult(st.segmentation(), tube(GEOMETRY, 0), "from the case");
        return new org.rehearse.app.workflow.OpenedCase(caseFolder, st.dicomFolder(), st.seriesUid(), img, seg,
                st.seedLps(), st.patient(), st.candidates());
    }

    @Override
    public SampleCase sampleCase(Progress p) {
        return new SampleCase(Path.of("synthetic-sample"), null, seedInTube());
    }
}
