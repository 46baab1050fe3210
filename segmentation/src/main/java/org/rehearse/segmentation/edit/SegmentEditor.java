package org.rehearse.segmentation.edit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.rehearse.segmentation.image.EuclideanDistanceTransform;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/**
 * The editing tools of the segmentation workstation (as in 3D Slicer's Segment Editor or ITK-SNAP), headless: each
 * tool changes the voxels of one label value of a {@link Segmentation}, records the change as one sparse
 * {@link Edit} on the segmentation's {@link UndoStack}, and returns it (so a viewer can redraw
 * {@link Edit#bounds}).
 *
 * <p>Coordinates: positions are DICOM LPS millimetres or voxel indices (i, j, k) of the segmentation's grid; lengths,
 * radii, margins and σ are in mm and honour anisotropic voxel spacing. Distances for brushes use the exact metric of
 * the grid (also for tilted grids); the distance transform and the filters assume orthogonal index axes (exact for
 * ordinary CT, an approximation under gantry tilt). Hounsfield values come from the {@link Volume}, which must lie on
 * the same grid.
 *
 * <p>Label interplay: a voxel holds one label. Tools that add voxels to a label replace other labels only when
 * {@link #setOverwriteOtherLabels overwrite} is on (default on, as in Slicer's "overwrite all"); tools that remove
 * voxels only ever touch voxels of the label they work on, which become background (0).
 *
 * <p>Errors: undefined label values, unusable ranges and seeds, and non-positive sizes throw
 * {@link IllegalArgumentException} with a message naming the value; the segmentation is then unchanged.
 * Not thread-safe (one editing thread).
 */
public final class SegmentEditor {
    /** HU below which a seed is reported as lying in air (air is about −1000 HU, lung about −850…−500 HU). */
    public static final int AIR_HU = -400;

    private final Segmentation segmentation;
    private final Volume volume;
    private final ImageGeometry g;
    private final double[] metric; // G = Mᵀ M (row major 3x3) of the index→LPS linear map, mm² per index²
    private final double[] extentPerMm; // sqrt((G⁻¹)_aa): index half-extent of a 1 mm sphere per axis
    private boolean overwriteOtherLabels = true;
    private Stroke activeStroke;

    /**
     * An editor for the brush and morphology tools only (threshold and region growing need a {@link Volume}).
     */
    public SegmentEditor(Segmentation segmentation) {
        this(segmentation, null);
    }

    /**
     * @param segmentation the document to edit
     * @param volume       the CT on the same grid (for threshold and region growing), or null
     * @throws IllegalArgumentException when the volume lies on another grid
     */
    public SegmentEditor(Segmentation segmentation, Volume volume) {
        this.segmentation = Objects.requireNonNull(segmentation);
        this.volume = volume;
        this.g = segmentation.geometry();
        if (volume != null && !volume.geometry().sameGrid(g, Segmentation.GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException("image volume grid " + volume.geometry()
                    + " differs from the segmentation grid " + g);
        }
        double[][] m = new double[3][];
        for (int a = 0; a < 3; a++) {
            double[] d = g.direction(a);
            double s = g.spacingMm(a);
            m[a] = new double[] {d[0] * s, d[1] * s, d[2] * s};
        }
        metric = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                metric[3 * a + b] = m[a][0] * m[b][0] + m[a][1] * m[b][1] + m[a][2] * m[b][2];
            }
        }
        double[] x = metric;
        double det = x[0] * (x[4] * x[8] - x[5] * x[7]) - x[1] * (x[3] * x[8] - x[5] * x[6]) + x[2] * (x[3] * x[7] - x[4] * x[6]);
        extentPerMm = new double[] {
            Math.sqrt((x[4] * x[8] - x[5] * x[7]) / det),
            Math.sqrt((x[0] * x[8] - x[2] * x[6]) / det),
            Math.sqrt((x[0] * x[4] - x[1] * x[3]) / det)};
    }

    /** @return the document this editor changes */
    public Segmentation segmentation() { return segmentation; }

    /** @return whether tools that add voxels may replace voxels of other labels (default true) */
    public boolean overwriteOtherLabels() { return overwriteOtherLabels; }

    /** @param overwrite whether tools that add voxels may replace voxels of other labels */
    public void setOverwriteOtherLabels(boolean overwrite) { this.overwriteOtherLabels = overwrite; }

    // ------------------------------------------------------------------------------------------------ brush

    /**
     * A brush stroke: several paint or erase dabs (e.g. one per mouse-drag event) recorded as one undoable edit.
     * Dabs change the label map at once (so the view can update during the drag); {@link #end()} commits the edit.
     * While a stroke is open, the editor's other tools throw {@link IllegalStateException}, and the caller must not
     * undo or redo on the segmentation (the stroke's record would no longer match).
     */
    public final class Stroke {
        private final int label;
        private final boolean erase;
        private final byte value;
        private final EditRecorder rec;
        private int dabs;
        private boolean ended;

        private Stroke(int label, boolean erase) {
            this.label = label;
            this.erase = erase;
            this.value = (byte) label;
            this.rec = new EditRecorder(segmentation.labelMap().labels());
        }

        /**
         * Paints (or erases) a sphere: every voxel whose centre lies within {@code radiusMm} of {@code centreLps}.
         *
         * @param centreLps sphere centre, LPS mm (may lie outside the image; the part inside is changed)
         * @param radiusMm  radius in mm, &gt; 0
         * @return the number of voxels changed by this dab
         */
        public int sphere(double[] centreLps, double radiusMm) {
            return dab(centreLps, radiusMm, null);
        }

        /**
         * Paints (or erases) a disc in one slice: the slice of {@code orientation} nearest to {@code centreLps}, every
         * voxel of it whose centre lies within {@code radiusMm} of the centre's projection onto that slice.
         *
         * @param centreLps   disc centre, LPS mm
         * @param radiusMm    radius in mm, &gt; 0
         * @param orientation the slice orientation shown in the view being painted
         * @return the number of voxels changed by this dab
         */
        public int disc(double[] centreLps, double radiusMm, SliceOrientation orientation) {
            return dab(centreLps, radiusMm, Objects.requireNonNull(orientation));
        }

        /**
         * Paints (or erases) spheres along a line segment, as a mouse drag between two events: dabs every quarter
         * radius from {@code fromLps} to {@code toLps}, so that the union is a capsule up to a groove of at most
         * 0.8 % of the radius.
         *
         * @param fromLps  start of the segment, LPS mm
         * @param toLps    end of the segment, LPS mm
         * @param radiusMm radius in mm, &gt; 0
         * @return the number of voxels changed
         */
        public int sphereLine(double[] fromLps, double[] toLps, double radiusMm) {
            return line(fromLps, toLps, radiusMm, null);
        }

        /**
         * Paints (or erases) discs along a line segment within slices of an orientation, dabs every quarter radius
         * (see {@link #sphereLine}); each disc lies in the slice nearest to its centre.
         *
         * @param fromLps     start of the segment, LPS mm
         * @param toLps       end of the segment, LPS mm
         * @param radiusMm    radius in mm, &gt; 0
         * @param orientation slice orientation of the discs
         * @return the number of voxels changed
         */
        public int discLine(double[] fromLps, double[] toLps, double radiusMm, SliceOrientation orientation) {
            return line(fromLps, toLps, radiusMm, Objects.requireNonNull(orientation));
        }

        private int line(double[] a, double[] b, double radiusMm, SliceOrientation disc) {
            double len = Math.sqrt((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]) + (b[2] - a[2]) * (b[2] - a[2]));
            if (!(radiusMm > 0) || Double.isInfinite(radiusMm) || Double.isNaN(len)) {
                throw new IllegalArgumentException("brush radius must be positive and finite (mm), got " + radiusMm);
            }
            int steps = (int) Math.ceil(len / (0.25 * radiusMm));
            int n = 0;
            double[] p = new double[3];
            for (int t = 0; t <= steps; t++) {
                double f = steps == 0 ? 0 : (double) t / steps;
                for (int c = 0; c < 3; c++) {
                    p[c] = a[c] + f * (b[c] - a[c]);
                }
                n += dab(p, radiusMm, disc);
            }
            return n;
        }

        private int dab(double[] centreLps, double radiusMm, SliceOrientation disc) {
            if (ended) {
                throw new IllegalStateException("brush stroke has already ended");
            }
            if (!(radiusMm > 0) || Double.isInfinite(radiusMm)) {
                throw new IllegalArgumentException("brush radius must be positive and finite (mm), got " + radiusMm);
            }
            int before = rec.voxelCount();
            double[] c = g.lpsToIndex(centreLps, null);
            int[] lo = new int[3], hi = new int[3];
            int[] size = {g.columns(), g.rows(), g.slices()};
            for (int a = 0; a < 3; a++) {
                double e = radiusMm * extentPerMm[a];
                lo[a] = Math.max(0, (int) Math.ceil(c[a] - e - 1e-9));
                hi[a] = Math.min(size[a] - 1, (int) Math.floor(c[a] + e + 1e-9));
            }
            double[] cc = c.clone();
            if (disc != null) {
                int a = disc.normalAxis();
                int s = (int) Math.round(c[a]);
                lo[a] = Math.max(s, 0);
                hi[a] = Math.min(s, size[a] - 1);
                cc[a] = s;
            }
            byte[] labels = segmentation.labelMap().labels();
            double r2 = radiusMm * radiusMm * (1 + 1e-12);
            double[] G = metric;
            int cols = g.columns(), rows = g.rows();
            for (int k = lo[2]; k <= hi[2]; k++) {
                double dk = k - cc[2];
                for (int j = lo[1]; j <= hi[1]; j++) {
                    double dj = j - cc[1];
                    double rest = G[4] * dj * dj + G[8] * dk * dk + 2 * G[5] * dj * dk;
                    double lin = 2 * (G[1] * dj + G[2] * dk);
                    int row = cols * (j + rows * k);
                    for (int i = lo[0]; i <= hi[0]; i++) {
                        double di = i - cc[0];
                        if (G[0] * di * di + lin * di + rest <= r2) {
                            int idx = row + i;
                            byte cur = labels[idx];
                            if (erase) {
                                if (cur == value) {
                                    rec.set(idx, (byte) 0);
                                }
                            } else if (cur != value && (cur == 0 || overwriteOtherLabels)) {
                                rec.set(idx, value);
                            }
                        }
                    }
                }
            }
            dabs++;
            return rec.voxelCount() - before;
        }

        /** @return the voxels changed so far by this stroke */
        public int voxelCount() {
            return rec.voxelCount();
        }

        /**
         * Cancels the stroke: restores every voxel it changed and records nothing (e.g. on Escape during a drag).
         *
         * @throws IllegalStateException when already ended
         */
        public void cancel() {
            if (ended) {
                throw new IllegalStateException("brush stroke has already ended");
            }
            ended = true;
            activeStroke = null;
            rec.finish("cancelled stroke").undo(segmentation.labelMap());
        }

        /**
         * Ends the stroke and commits its edit to the undo stack.
         *
         * @return the edit of the whole stroke
         * @throws IllegalStateException when already ended
         */
        public Edit end() {
            if (ended) {
                throw new IllegalStateException("brush stroke has already ended");
            }
            ended = true;
            activeStroke = null;
            Edit e = rec.finish(String.format(Locale.ROOT, "%s %s (%d dab%s)", erase ? "Erase" : "Paint",
                    segmentation.requireLabel(label).name(), dabs, dabs == 1 ? "" : "s"));
            segmentation.commit(e);
            return e;
        }
    }

    /**
     * Starts a brush stroke on a label.
     *
     * @param label the label value to paint or erase
     * @param erase false to paint (set voxels to the label), true to erase (set the label's voxels to background)
     * @return the stroke; call {@link Stroke#end()} when the mouse is released
     * @throws IllegalArgumentException when the label is not defined
     */
    public Stroke beginStroke(int label, boolean erase) {
        checkNoStroke();
        segmentation.requireLabel(label);
        activeStroke = new Stroke(label, erase);
        return activeStroke;
    }

    /** @return the open brush stroke, or null when none is open */
    public Stroke activeStroke() {
        return activeStroke;
    }

    private void checkNoStroke() {
        if (activeStroke != null) {
            throw new IllegalStateException("a brush stroke is still open: end it before using another tool");
        }
    }

    /**
     * Paints one sphere with the label as one undoable edit (see {@link Stroke#sphere}).
     *
     * @param label     label value
     * @param centreLps sphere centre, LPS mm
     * @param radiusMm  radius in mm, &gt; 0
     * @return the edit (already committed to the undo stack)
     * @throws IllegalArgumentException when the label is undefined or the radius is not positive
     */
    public Edit paintSphere(int label, double[] centreLps, double radiusMm) {
        return singleDab(label, false, s -> s.sphere(centreLps, radiusMm));
    }

    /**
     * Erases one sphere of the label (its voxels become background) as one undoable edit (see {@link Stroke#sphere}).
     *
     * @param label     label value
     * @param centreLps sphere centre, LPS mm
     * @param radiusMm  radius in mm, &gt; 0
     * @return the edit (already committed to the undo stack)
     * @throws IllegalArgumentException when the label is undefined or the radius is not positive
     */
    public Edit eraseSphere(int label, double[] centreLps, double radiusMm) {
        return singleDab(label, true, s -> s.sphere(centreLps, radiusMm));
    }

    /**
     * Paints one disc in a slice of the orientation as one undoable edit (see {@link Stroke#disc}).
     *
     * @param label       label value
     * @param centreLps   disc centre, LPS mm
     * @param radiusMm    radius in mm, &gt; 0
     * @param orientation slice orientation of the disc
     * @return the edit (already committed to the undo stack)
     * @throws IllegalArgumentException when the label is undefined or the radius is not positive
     */
    public Edit paintDisc(int label, double[] centreLps, double radiusMm, SliceOrientation orientation) {
        return singleDab(label, false, s -> s.disc(centreLps, radiusMm, orientation));
    }

    /**
     * Erases one disc of the label in a slice of the orientation as one undoable edit (see {@link Stroke#disc}).
     *
     * @param label       label value
     * @param centreLps   disc centre, LPS mm
     * @param radiusMm    radius in mm, &gt; 0
     * @param orientation slice orientation of the disc
     * @return the edit (already committed to the undo stack)
     * @throws IllegalArgumentException when the label is undefined or the radius is not positive
     */
    public Edit eraseDisc(int label, double[] centreLps, double radiusMm, SliceOrientation orientation) {
        return singleDab(label, true, s -> s.disc(centreLps, radiusMm, orientation));
    }

    /** One dab as its own stroke: committed as one edit, or cancelled (nothing changed) when the dab throws. */
    private Edit singleDab(int label, boolean erase, java.util.function.Consumer<Stroke> dab) {
        Stroke s = beginStroke(label, erase);
        try {
            dab.accept(s);
        } catch (RuntimeException e) {
            s.cancel();
            throw e;
        }
        return s.end();
    }

    // ------------------------------------------------------------------------------------------------ threshold

    /**
     * Threshold: within the region, the label becomes exactly the voxels with loHu ≤ HU ≤ hiHu (in-range voxels get
     * the label where writable, label voxels out of range become background). Outside the region nothing changes.
     *
     * @param label  label value
     * @param loHu   lowest HU included
     * @param hiHu   highest HU included
     * @param region index box to restrict to (clipped to the grid), or null for the whole image
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined, hiHu &lt; loHu, or the range selects no voxel or
     *                                  every voxel of the region (the message names the range and region)
     * @throws IllegalStateException    when the editor has no volume
     */
    public Edit threshold(int label, int loHu, int hiHu, IndexBox region) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        short[] hu = requireVolume().values();
        if (hiHu < loHu) {
            throw new IllegalArgumentException("threshold range " + loHu + "…" + hiHu + " HU is empty (upper below lower)");
        }
        IndexBox box = region == null ? IndexBox.of(g) : region.clippedTo(g);
        long inRange = 0;
        int cols = g.columns(), rows = g.rows();
        for (int k = box.kMin(); k <= box.kMax(); k++) {
            for (int j = box.jMin(); j <= box.jMax(); j++) {
                int row = cols * (j + rows * k);
                for (int i = box.iMin(); i <= box.iMax(); i++) {
                    int v = hu[row + i];
                    if (v >= loHu && v <= hiHu) {
                        inRange++;
                    }
                }
            }
        }
        String where = region == null ? "the image" : "region " + box;
        if (inRange == 0) {
            throw new IllegalArgumentException("threshold range " + loHu + "…" + hiHu + " HU selects no voxel in " + where);
        }
        if (inRange == box.voxelCount()) {
            throw new IllegalArgumentException("threshold range " + loHu + "…" + hiHu + " HU selects every voxel of "
                    + where + " (" + inRange + " voxels)");
        }
        byte[] labels = segmentation.labelMap().labels();
        EditRecorder rec = new EditRecorder(labels);
        byte value = (byte) label;
        for (int k = box.kMin(); k <= box.kMax(); k++) {
            for (int j = box.jMin(); j <= box.jMax(); j++) {
                int row = cols * (j + rows * k);
                for (int i = box.iMin(); i <= box.iMax(); i++) {
                    int idx = row + i;
                    int v = hu[idx];
                    byte cur = labels[idx];
                    if (v >= loHu && v <= hiHu) {
                        if (cur != value && (cur == 0 || overwriteOtherLabels)) {
                            rec.set(idx, value);
                        }
                    } else if (cur == value) {
                        rec.set(idx, (byte) 0);
                    }
                }
            }
        }
        return commit(rec, "Threshold " + info.name() + " " + loHu + "…" + hiHu + " HU");
    }

    // ------------------------------------------------------------------------------------------------ region growing

    /**
     * Seeded region growing from seed voxels given in LPS mm (each rounded to the nearest voxel).
     *
     * @see #growFromSeeds(int, List, GrowParameters)
     * @throws IllegalArgumentException also when a seed lies outside the image (naming the LPS point and the grid)
     */
    public Edit growFromLpsSeeds(int label, List<double[]> seedsLps, GrowParameters p) {
        List<int[]> seeds = new ArrayList<>();
        for (double[] s : seedsLps) {
            double[] q = g.lpsToIndex(s, null);
            int i = (int) Math.round(q[0]), j = (int) Math.round(q[1]), k = (int) Math.round(q[2]);
            if (!g.contains(i, j, k)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "seed LPS (%.1f, %.1f, %.1f) mm lies outside the image (voxel %d, %d, %d of %s)",
                        s[0], s[1], s[2], i, j, k, g));
            }
            seeds.add(new int[] {i, j, k});
        }
        return growFromSeeds(label, seeds, p);
    }

    /**
     * Seeded region growing: adds to the label every voxel connected (6-connectivity) to a seed through voxels with
     * loHu ≤ HU ≤ hiHu that are not barrier voxels and are writable (background, the label itself, or any label when
     * overwriting). Existing label voxels are kept (the result is added).
     *
     * <p>Leak stop by cross-section: the region is built from 2D pieces, each a 4-connected set of admissible voxels
     * within one slice of {@link GrowParameters#crossSectionOrientation()}; a piece is taken whole when its area
     * (pixels × in-plane pixel area) is at most {@link GrowParameters#maxCrossSectionMm2()} and skipped otherwise,
     * and growth continues from taken pieces to the neighbouring slices. With no bound this is exactly 6-connected
     * region growing. A narrow vessel thus cannot spill into a large structure that it touches in some slice (heart,
     * spine) without that slice's piece exceeding the bound.
     *
     * @param label label value to add to
     * @param seeds seed voxels {i, j, k}, at least one
     * @param p     range, barrier and cross-section bound
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined, there is no seed, a seed lies outside the image,
     *                                  in air (below {@value #AIR_HU} HU), outside the range, on the barrier, or its own
     *                                  cross-section exceeds the bound (each message names the seed)
     * @throws IllegalStateException    when the editor has no volume
     */
    public Edit growFromSeeds(int label, List<int[]> seeds, GrowParameters p) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        short[] hu = requireVolume().values();
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("region growing needs at least one seed");
        }
        if (p.barrierLabel() == label) {
            throw new IllegalArgumentException("the barrier label " + label + " is the label being grown");
        }
        byte[] labels = segmentation.labelMap().labels();
        byte value = (byte) label, barrier = (byte) p.barrierLabel();
        boolean useBarrier = p.barrierLabel() != 0;
        for (int[] s : seeds) {
            String name = "seed voxel (" + s[0] + ", " + s[1] + ", " + s[2] + ")";
            if (!g.contains(s[0], s[1], s[2])) {
                throw new IllegalArgumentException(name + " lies outside the image " + g);
            }
            int idx = g.index(s[0], s[1], s[2]);
            int v = hu[idx];
            if (v < AIR_HU && p.loHu() >= AIR_HU) {
                throw new IllegalArgumentException(name + " lies in air (" + v + " HU); place it inside the structure");
            }
            if (v < p.loHu() || v > p.hiHu()) {
                throw new IllegalArgumentException(name + " has " + v + " HU, outside the growing range "
                        + p.loHu() + "…" + p.hiHu() + " HU");
            }
            if (useBarrier && labels[idx] == barrier) {
                throw new IllegalArgumentException(name + " lies on the barrier label " + p.barrierLabel());
            }
            byte cur = labels[idx];
            if (cur != 0 && cur != value && !overwriteOtherLabels) {
                throw new IllegalArgumentException(name + " belongs to label " + (cur & 0xFF)
                        + " and overwriting other labels is off");
            }
        }
        int cols = g.columns(), rows = g.rows(), slices = g.slices();
        int[] size = {cols, rows, slices};
        int[] stride = {1, cols, cols * rows};
        int na = p.crossSectionOrientation().normalAxis();
        int ua = na == 0 ? 1 : 0, va = na == 2 ? 1 : 2;
        double pixelMm2 = g.spacingMm(ua) * g.spacingMm(va);
        double maxPixels = p.maxCrossSectionMm2() / pixelMm2;
        long[] visited = new long[(labels.length >>> 6) + 1];
        int[] piece = new int[256];
        int[] pending = new int[256]; // voxels of taken pieces whose cross-slice neighbours are still to look at
        int pendingTop = 0;
        IntList region = new IntList();
        for (int[] s : seeds) {
            int idx = g.index(s[0], s[1], s[2]);
            if (isSet(visited, idx)) {
                continue;
            }
            int n = floodPiece(idx, piece, visited, hu, labels, p, value, barrier, useBarrier, stride, size, ua, va, na);
            piece = lastPiece;
            if (n > maxPixels) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "seed voxel (%d, %d, %d): its cross-section in the %s slice is already %.0f mm², above the bound %.0f mm²",
                        s[0], s[1], s[2], p.crossSectionOrientation().name().toLowerCase(Locale.ROOT), n * pixelMm2,
                        p.maxCrossSectionMm2()));
            }
            for (int t = 0; t < n; t++) {
                region.add(piece[t]);
                if (pendingTop == pending.length) pending = Arrays.copyOf(pending, pendingTop * 2);
                pending[pendingTop++] = piece[t];
            }
            while (pendingTop > 0) {
                int v = pending[--pendingTop];
                int c = (v / stride[na]) % size[na];
                for (int d = -1; d <= 1; d += 2) {
                    int cn = c + d;
                    if (cn < 0 || cn >= size[na]) continue;
                    int w = v + d * stride[na];
                    if (isSet(visited, w) || !admissible(w, hu, labels, p, value, barrier, useBarrier)) continue;
                    int m = floodPiece(w, piece, visited, hu, labels, p, value, barrier, useBarrier, stride, size, ua, va, na);
                    piece = lastPiece;
                    if (m > maxPixels) {
                        continue; // leak: this slice piece is too large, leave it out
                    }
                    for (int t = 0; t < m; t++) {
                        region.add(piece[t]);
                        if (pendingTop == pending.length) pending = Arrays.copyOf(pending, pendingTop * 2);
                        pending[pendingTop++] = piece[t];
                    }
                }
            }
        }
        EditRecorder rec = new EditRecorder(labels);
        int[] r = region.toSortedArray();
        for (int idx : r) {
            rec.set(idx, value);
        }
        return commit(rec, String.format(Locale.ROOT, "Grow %s from %d seed%s %d…%d HU", info.name(), seeds.size(),
                seeds.size() == 1 ? "" : "s", p.loHu(), p.hiHu()));
    }

    private int[] lastPiece;

    private boolean admissible(int idx, short[] hu, byte[] labels, GrowParameters p, byte value, byte barrier, boolean useBarrier) {
        int v = hu[idx];
        if (v < p.loHu() || v > p.hiHu()) return false;
        byte cur = labels[idx];
        if (useBarrier && cur == barrier) return false;
        return cur == 0 || cur == value || overwriteOtherLabels;
    }

    /** Floods the 4-connected admissible piece of one slice from idx, marking it visited; result in lastPiece. */
    private int floodPiece(int start, int[] buf, long[] visited, short[] hu, byte[] labels, GrowParameters p, byte value,
                           byte barrier, boolean useBarrier, int[] stride, int[] size, int ua, int va, int na) {
        int n = 0;
        buf[n++] = start;
        set(visited, start);
        int head = 0;
        while (head < n) {
            int v = buf[head++];
            int cu = (v / stride[ua]) % size[ua], cv = (v / stride[va]) % size[va];
            for (int d = 0; d < 4; d++) {
                int w;
                if (d == 0) { if (cu + 1 >= size[ua]) continue; w = v + stride[ua]; }
                else if (d == 1) { if (cu == 0) continue; w = v - stride[ua]; }
                else if (d == 2) { if (cv + 1 >= size[va]) continue; w = v + stride[va]; }
                else { if (cv == 0) continue; w = v - stride[va]; }
                if (isSet(visited, w) || !admissible(w, hu, labels, p, value, barrier, useBarrier)) continue;
                set(visited, w);
                if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
                buf[n++] = w;
            }
        }
        lastPiece = buf;
        return n;
    }

    private static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    // ------------------------------------------------------------------------------------------------ islands

    /**
     * Counts the islands (connected components) of a label.
     *
     * @param label        label value
     * @param connectivity neighbourhood of a voxel
     * @return the voxel counts of the islands, largest first (empty when the label has no voxel)
     */
    public int[] islandSizes(int label, Connectivity connectivity) {
        segmentation.requireLabel(label);
        IndexBox b = Crop.bounds(segmentation.labelMap().labels(), (byte) label, g);
        if (b == null) {
            return new int[0];
        }
        Crop c = Crop.around(b, 0, 0, 0, g);
        int[][] comp = MaskOps.components(c.mask(segmentation.labelMap().labels(), (byte) label), c.nx, c.ny, c.nz, connectivity);
        int[] sizes = Arrays.copyOfRange(comp[1], 1, comp[1].length);
        Arrays.sort(sizes);
        for (int a = 0, z = sizes.length - 1; a < z; a++, z--) {
            int t = sizes[a]; sizes[a] = sizes[z]; sizes[z] = t;
        }
        return sizes;
    }

    /**
     * Keeps only the largest island of the label (ties: the first in index order); all other islands become
     * background.
     *
     * @param label        label value
     * @param connectivity neighbourhood of a voxel
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined
     */
    public Edit keepLargestIsland(int label, Connectivity connectivity) {
        return islands(label, connectivity, -1);
    }

    /**
     * Removes the islands of the label smaller than a volume.
     *
     * @param label        label value
     * @param connectivity neighbourhood of a voxel
     * @return the edit
     * @param minVolumeMm3 islands with voxel count × voxel volume below this (mm³) become background; ≥ 0
     * @throws IllegalArgumentException when the label is undefined or the volume is negative
     */
    public Edit removeSmallIslands(int label, double minVolumeMm3, Connectivity connectivity) {
        if (!(minVolumeMm3 >= 0) || Double.isInfinite(minVolumeMm3)) {
            throw new IllegalArgumentException("minimum island volume must be ≥ 0 mm³ and finite, got " + minVolumeMm3);
        }
        return islands(label, connectivity, minVolumeMm3);
    }

    private Edit islands(int label, Connectivity connectivity, double minVolumeMm3) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        String what = minVolumeMm3 < 0 ? "Keep largest island of " + info.name()
                : String.format(Locale.ROOT, "Remove islands of %s below %.1f mm³", info.name(), minVolumeMm3);
        return filterLabel(label, what, new int[] {0, 0, 0}, (c, m) -> keptIslands(c, m, connectivity, minVolumeMm3));
    }

    /** The islands of a crop mask that {@link #islands} keeps. */
    private boolean[] keptIslands(Crop c, boolean[] m, Connectivity connectivity, double minVolumeMm3) {
        int[][] comp = MaskOps.components(m, c.nx, c.ny, c.nz, connectivity);
        int[] ids = comp[0], sizes = comp[1];
        boolean[] keep = new boolean[sizes.length];
        if (minVolumeMm3 < 0) {
            int best = 1;
            for (int q = 2; q < sizes.length; q++) {
                if (sizes[q] > sizes[best]) best = q;
            }
            keep[best] = true;
        } else {
            double vv = g.voxelVolumeMm3();
            for (int q = 1; q < sizes.length; q++) {
                keep[q] = sizes[q] * vv >= minVolumeMm3;
            }
        }
        boolean[] mask = new boolean[ids.length];
        for (int v = 0; v < ids.length; v++) {
            mask[v] = ids[v] != 0 && keep[ids[v]];
        }
        return mask;
    }

    // ------------------------------------------------------------------------------------------------ holes

    /**
     * Fills the holes of the label in 3D: voxels not of the label that are enclosed by it (not 6-connected through
     * non-label voxels to the outside of the label's bounding box) get the label where writable.
     */
    public Edit fillHoles(int label) {
        LabelInfo info = segmentation.requireLabel(label);
        return holes(label, -1, "Fill holes of " + info.name());
    }

    /**
     * Fills the holes of the label in every 2D slice of an orientation (pixels enclosed within their slice, 4-connected
     * background), e.g. to close the lumen of a vessel outlined slice by slice.
     */
    public Edit fillHolesPerSlice(int label, SliceOrientation orientation) {
        LabelInfo info = segmentation.requireLabel(label);
        return holes(label, orientation.normalAxis(), "Fill holes of " + info.name() + " per "
                + orientation.name().toLowerCase(Locale.ROOT) + " slice");
    }

    private Edit holes(int label, int normalAxis, String what) {
        checkNoStroke();
        return filterLabel(label, what, new int[] {1, 1, 1}, (c, m) -> normalAxis < 0 ? MaskOps.fillHoles3d(m, c.nx, c.ny, c.nz)
                : MaskOps.fillHoles2d(m, c.nx, c.ny, c.nz, normalAxis));
    }

    // ------------------------------------------------------------------------------------------------ margin

    /**
     * Grows (dilates) the label by a margin: every voxel whose centre lies within {@code marginMm} of a label voxel
     * centre (exact Euclidean distance with anisotropic spacing) gets the label where writable.
     *
     * @param label    label value
     * @param marginMm margin in mm, &gt; 0
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined or the margin is not positive
     */
    public Edit grow(int label, double marginMm) {
        return margin(label, marginMm, true);
    }

    /**
     * Shrinks (erodes) the label by a margin: every label voxel whose centre lies within {@code marginMm} of a
     * non-label voxel centre (voxels outside the image count as non-label) becomes background.
     *
     * @param label    label value
     * @param marginMm margin in mm, &gt; 0
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined or the margin is not positive
     */
    public Edit shrink(int label, double marginMm) {
        return margin(label, marginMm, false);
    }

    private Edit margin(int label, double marginMm, boolean grow) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        if (!(marginMm > 0) || Double.isInfinite(marginMm)) {
            throw new IllegalArgumentException("margin must be positive and finite (mm), got " + marginMm);
        }
        String what = String.format(Locale.ROOT, "%s %s by %.1f mm", grow ? "Grow" : "Shrink", info.name(), marginMm);
        double[] sp = g.spacingMm();
        int[] pad = grow ? new int[] {pad(marginMm, sp[0]), pad(marginMm, sp[1]), pad(marginMm, sp[2])} : new int[] {1, 1, 1};
        double m2 = marginMm * marginMm * (1 + 1e-9);
        return filterLabel(label, what, pad, (c, m) -> {
            // distance to the nearest voxel of the other side: outside voxels to the mask when growing, mask voxels to
            // the outside when shrinking (the transform measures from each 'inside' voxel to the nearest other one)
            float[] d2 = EuclideanDistanceTransform.squaredMm2(grow ? invert(m) : m, c.nx, c.ny, c.nz, sp);
            boolean[] out = new boolean[m.length];
            for (int v = 0; v < out.length; v++) {
                out[v] = grow ? d2[v] <= m2 : m[v] && d2[v] > m2;
            }
            return out;
        });
    }

    private static int pad(double mm, double spacing) {
        return (int) Math.ceil(mm / spacing) + 1;
    }

    private static boolean[] invert(boolean[] m) {
        boolean[] o = new boolean[m.length];
        for (int v = 0; v < m.length; v++) o[v] = !m[v];
        return o;
    }

    // ------------------------------------------------------------------------------------------------ smoothing

    /**
     * Gaussian smoothing: the label's binary mask is filtered with a Gaussian of standard deviation {@code sigmaMm}
     * (per axis σ/spacing voxels, truncated at 3σ) and re-thresholded at 0.5 (voxels with filtered value ≥ 0.5 carry the label). Rounds corners and removes bumps and
     * notches smaller than about σ; the volume of smooth convex shapes is roughly kept.
     *
     * @param label   label value
     * @param sigmaMm σ in mm, &gt; 0
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined or σ is not positive
     */
    public Edit smoothGaussian(int label, double sigmaMm) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        if (!(sigmaMm > 0) || Double.isInfinite(sigmaMm)) {
            throw new IllegalArgumentException("smoothing σ must be positive and finite (mm), got " + sigmaMm);
        }
        String what = String.format(Locale.ROOT, "Smooth %s (Gaussian σ %.2f mm)", info.name(), sigmaMm);
        double[] sp = g.spacingMm();
        double[] sv = {sigmaMm / sp[0], sigmaMm / sp[1], sigmaMm / sp[2]};
        int[] pad = {(int) Math.ceil(3 * sv[0]) + 1, (int) Math.ceil(3 * sv[1]) + 1, (int) Math.ceil(3 * sv[2]) + 1};
        return filterLabel(label, what, pad, (c, m) -> {
            float[] f = MaskOps.gaussian(m, c.nx, c.ny, c.nz, sv);
            boolean[] out = new boolean[f.length];
            for (int v = 0; v < f.length; v++) {
                out[v] = f[v] >= 0.5f;
            }
            return out;
        });
    }

    /**
     * Median smoothing: each voxel takes the majority value (label or not) of a box of half-size
     * round(radiusMm / spacing) voxels per axis (the median of a binary image). Removes specks and fills pits smaller
     * than the box while keeping edges.
     *
     * @param label    label value
     * @param radiusMm box half-size in mm, &gt; 0; at least one axis must get a half-size of ≥ 1 voxel
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined or the radius is below half a voxel
     */
    public Edit smoothMedian(int label, double radiusMm) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        double[] sp = g.spacingMm();
        int[] r = new int[3];
        for (int a = 0; a < 3; a++) {
            r[a] = (int) Math.round(radiusMm / sp[a]);
        }
        if (!(radiusMm > 0) || Double.isInfinite(radiusMm) || (r[0] == 0 && r[1] == 0 && r[2] == 0)) {
            throw new IllegalArgumentException("median radius " + radiusMm + " mm is not positive or smaller than half a voxel (spacing "
                    + Arrays.toString(sp) + " mm)");
        }
        String what = String.format(Locale.ROOT, "Smooth %s (median %.1f mm)", info.name(), radiusMm);
        return filterLabel(label, what, new int[] {r[0] + 1, r[1] + 1, r[2] + 1},
                (c, m) -> MaskOps.majority(m, c.nx, c.ny, c.nz, r));
    }

    /**
     * Replaces a label by a filter of its mask, as one undoable edit: the label's bounding box widened by {@code pad}
     * voxels per axis is cropped, {@code filter} maps its 0/1 mask (layout of {@link Crop}) to the new one, and the
     * result is written where writable. A label without voxels gives an empty edit.
     */
    private Edit filterLabel(int label, String what, int[] pad, java.util.function.BiFunction<Crop, boolean[], boolean[]> filter) {
        byte[] labels = segmentation.labelMap().labels();
        byte value = (byte) label;
        EditRecorder rec = new EditRecorder(labels);
        IndexBox b = Crop.bounds(labels, value, g);
        if (b == null) {
            return commit(rec, what);
        }
        Crop c = Crop.around(b, pad[0], pad[1], pad[2], g);
        c.writeBack(filter.apply(c, c.mask(labels, value)), value, labels, rec, overwriteOtherLabels);
        return commit(rec, what);
    }

    // ------------------------------------------------------------------------------------------------ plane cut

    /**
     * Cuts the label with a plane: label voxels whose centre lies strictly on the side the normal points to,
     * (P − point)·normal &gt; 0, become background.
     *
     * @param label     label value
     * @param pointLps  a point of the plane, LPS mm
     * @param normalLps plane normal in LPS (any length &gt; 0); points to the side that is removed
     * @return the edit
     * @throws IllegalArgumentException when the label is undefined or the normal has zero length or is not finite
     */
    public Edit cutWithPlane(int label, double[] pointLps, double[] normalLps) {
        checkNoStroke();
        LabelInfo info = segmentation.requireLabel(label);
        double len = Math.sqrt(normalLps[0] * normalLps[0] + normalLps[1] * normalLps[1] + normalLps[2] * normalLps[2]);
        if (!(len > 0) || Double.isInfinite(len)) {
            throw new IllegalArgumentException("plane normal " + Arrays.toString(normalLps) + " has zero or invalid length");
        }
        double[] n = {normalLps[0] / len, normalLps[1] / len, normalLps[2] / len};
        byte[] labels = segmentation.labelMap().labels();
        byte value = (byte) label;
        EditRecorder rec = new EditRecorder(labels);
        String what = "Cut " + info.name() + " with a plane";
        IndexBox b = Crop.bounds(labels, value, g);
        if (b == null) {
            return commit(rec, what);
        }
        double[] o = g.originLps();
        double c0 = n[0] * (o[0] - pointLps[0]) + n[1] * (o[1] - pointLps[1]) + n[2] * (o[2] - pointLps[2]);
        double[] ca = new double[3];
        for (int a = 0; a < 3; a++) {
            double[] d = g.direction(a);
            ca[a] = g.spacingMm(a) * (n[0] * d[0] + n[1] * d[1] + n[2] * d[2]);
        }
        int cols = g.columns(), rows = g.rows();
        for (int k = b.kMin(); k <= b.kMax(); k++) {
            for (int j = b.jMin(); j <= b.jMax(); j++) {
                int row = cols * (j + rows * k);
                double s = c0 + ca[1] * j + ca[2] * k;
                for (int i = b.iMin(); i <= b.iMax(); i++) {
                    if (labels[row + i] == value && s + ca[0] * i > 0) {
                        rec.set(row + i, (byte) 0);
                    }
                }
            }
        }
        return commit(rec, what);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Volume requireVolume() {
        if (volume == null) {
            throw new IllegalStateException("this tool needs the image volume: create the SegmentEditor with a Volume");
        }
        return volume;
    }

    private Edit commit(EditRecorder rec, String description) {
        Edit e = rec.finish(description);
        segmentation.commit(e);
        return e;
    }

    /** A growable int list. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toSortedArray() {
            int[] r = Arrays.copyOf(a, n);
            Arrays.sort(r);
            return r;
        }
    }
}
