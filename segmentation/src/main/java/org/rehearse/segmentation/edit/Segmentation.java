package org.rehearse.segmentation.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * A multi-label segmentation document: one {@link LabelMap} (byte values, 0 = background, layout
 * i + columns·(j + rows·k)) plus the list of named, coloured labels ({@link LabelInfo}) whose values it uses, and the
 * {@link UndoStack} of the voxel edits made on it.
 *
 * <p>Each voxel holds at most one label, so labels never overlap. Voxel changes go through {@link #commit(Edit)}
 * (done by {@link SegmentEditor} and the imports here), which records them for undo and counts modifications for
 * autosave. Changes to the label list itself (add, rename, recolour) are not undoable; removing a label records the
 * clearing of its voxels as an edit.
 *
 * <p>Grids: imported label files must lie on the same voxel grid as this segmentation
 * ({@link ImageGeometry#sameGrid} within {@value #GRID_TOLERANCE_MM} mm); no resampling takes place.
 *
 * <p>Not thread-safe: edit from one thread; use {@link #snapshot()} to hand a consistent copy to another thread.
 */
public final class Segmentation {
    /** Tolerance (mm) on voxel positions when checking that a label file lies on this grid. */
    public static final double GRID_TOLERANCE_MM = 0.01;

    private final LabelMap labelMap;
    private final TreeMap<Integer, LabelInfo> labels = new TreeMap<>();
    private final UndoStack undoStack;
    private long modifications;

    /** An empty segmentation (all background, no labels) on the grid, with a default {@link UndoStack}. */
    public Segmentation(ImageGeometry geometry) {
        this(new LabelMap(geometry), List.of(), new UndoStack());
    }

    /**
     * @param labelMap  the label map, shared (not copied): the segmentation edits it in place
     * @param labels    the labels; every non-zero value in the map should have one (values without one are kept
     *                  but have no name)
     * @param undoStack the undo history to use
     * @throws IllegalArgumentException when two labels share a value
     */
    public Segmentation(LabelMap labelMap, List<LabelInfo> labels, UndoStack undoStack) {
        this.labelMap = Objects.requireNonNull(labelMap);
        this.undoStack = Objects.requireNonNull(undoStack);
        for (LabelInfo l : labels) {
            addLabel(l);
        }
    }

    /** @return the label map (not a copy); write into it only through edits */
    public LabelMap labelMap() { return labelMap; }
    /** @return the voxel grid of the label map */
    public ImageGeometry geometry() { return labelMap.geometry(); }
    /** @return the undo history of this segmentation's voxel edits */
    public UndoStack undoStack() { return undoStack; }

    /** @return the labels ordered by value (an unmodifiable copy) */
    public List<LabelInfo> labels() {
        return Collections.unmodifiableList(new ArrayList<>(labels.values()));
    }

    /** @return the label with this value, or empty */
    public Optional<LabelInfo> label(int value) {
        return Optional.ofNullable(labels.get(value));
    }

    /** @return the label with this name (exact match), or empty */
    public Optional<LabelInfo> label(String name) {
        return labels.values().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * @return the label with this value
     * @throws IllegalArgumentException naming the defined labels when there is none
     */
    public LabelInfo requireLabel(int value) {
        LabelInfo l = labels.get(value);
        if (l == null) {
            throw new IllegalArgumentException("label value " + value + " is not defined in this segmentation (defined: "
                    + describeLabels() + ")");
        }
        return l;
    }

    /**
     * Adds a label definition.
     *
     * @throws IllegalArgumentException when the value is already used by another label
     */
    public void addLabel(LabelInfo label) {
        LabelInfo old = labels.get(label.value());
        if (old != null) {
            throw new IllegalArgumentException("label value " + label.value() + " is already used by \"" + old.name()
                    + "\"; cannot add \"" + label.name() + "\"");
        }
        labels.put(label.value(), label);
        modifications++;
    }

    /**
     * Adds a label with the lowest free value.
     *
     * @param name      display name
     * @param rgbColour display colour 0xRRGGBB
     * @return the new label
     * @throws IllegalStateException when all 255 values are used
     */
    public LabelInfo addLabel(String name, int rgbColour) {
        LabelInfo l = new LabelInfo(nextFreeValue(), name, rgbColour);
        addLabel(l);
        return l;
    }

    /** Replaces the name and colour of an existing label (same value). @throws IllegalArgumentException when undefined */
    public void updateLabel(LabelInfo label) {
        requireLabel(label.value());
        labels.put(label.value(), label);
        modifications++;
    }

    /**
     * Removes a label: its voxels become background (recorded as one undoable edit) and its definition is dropped
     * (not undoable).
     *
     * @return the edit that cleared the voxels
     * @throws IllegalArgumentException when the label is not defined
     */
    public Edit removeLabel(int value) {
        LabelInfo l = requireLabel(value);
        byte[] a = labelMap.labels();
        EditRecorder rec = new EditRecorder(a);
        byte b = (byte) value;
        for (int n = 0; n < a.length; n++) {
            if (a[n] == b) {
                rec.set(n, (byte) 0);
            }
        }
        Edit e = rec.finish("Remove label " + l.name());
        labels.remove(value);
        commit(e);
        return e;
    }

    /** @return the lowest value 1…255 not used by a label. @throws IllegalStateException when all are used */
    public int nextFreeValue() {
        for (int v = 1; v <= 255; v++) {
            if (!labels.containsKey(v)) {
                return v;
            }
        }
        throw new IllegalStateException("all 255 label values are in use");
    }

    /** @return the number of voxels that carry this label value */
    public long count(int value) {
        byte b = (byte) value;
        long n = 0;
        for (byte x : labelMap.labels()) {
            if (x == b) {
                n++;
            }
        }
        return n;
    }

    /** @return the volume of this label in mm³ (voxel count × voxel volume) */
    public double volumeMm3(int value) {
        return count(value) * geometry().voxelVolumeMm3();
    }

    /**
     * Records an edit that has already been applied to this segmentation's label map (pushes it on the undo stack
     * and counts a modification). Empty edits are ignored.
     */
    public void commit(Edit edit) {
        if (!edit.isEmpty()) {
            undoStack.push(edit);
            modifications++;
        }
    }

    /** Undoes the newest edit. @return it, or empty when there is nothing to undo */
    public Optional<Edit> undo() {
        Optional<Edit> e = undoStack.undo(labelMap);
        e.ifPresent(x -> modifications++);
        return e;
    }

    /** Redoes the newest undone edit. @return it, or empty when there is nothing to redo */
    public Optional<Edit> redo() {
        Optional<Edit> e = undoStack.redo(labelMap);
        e.ifPresent(x -> modifications++);
        return e;
    }

    /** @return a counter that grows with every change of voxels or labels (for autosave: save when it changed) */
    public long modificationCount() { return modifications; }

    /** @return a deep copy of the label map and label list, with an empty undo history */
    public Segmentation snapshot() {
        return new Segmentation(labelMap.copy(), labels(), new UndoStack());
    }

    /**
     * Imports a binary mask file (e.g. one TotalSegmentator structure such as {@code aorta.nii.gz}) as a new label:
     * every non-zero voxel of the file gets the new label's value. Voxels of other labels are overwritten only when
     * {@code overwriteOtherLabels}. The voxel change is one undoable edit; the new label definition stays on undo.
     *
     * @param file                 a NIfTI-1 {@code .nii} or {@code .nii.gz} file on this segmentation's grid
     * @param name                 name of the new label
     * @param rgbColour            its colour 0xRRGGBB
     * @param overwriteOtherLabels whether the import may replace voxels of other labels
     * @return the new label
     * @throws IOException              when the file cannot be read or is not NIfTI-1 ({@code NiftiFormatException})
     * @throws IllegalArgumentException when the file lies on another grid (the message names the file and both
     *                                  grids) or the file holds no foreground voxel; the segmentation is then unchanged
     */
    public LabelInfo importMask(Path file, String name, int rgbColour, boolean overwriteOtherLabels) throws IOException {
        LabelMap in = readOnGrid(file);
        byte[] src = in.labels();
        boolean any = false;
        for (byte b : src) {
            if (b != 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("label file " + file + " holds no foreground voxel");
        }
        LabelInfo l = new LabelInfo(nextFreeValue(), name, rgbColour);
        byte[] dst = labelMap.labels();
        EditRecorder rec = new EditRecorder(dst);
        byte v = (byte) l.value();
        for (int n = 0; n < src.length; n++) {
            if (src[n] != 0 && (overwriteOtherLabels || dst[n] == 0)) {
                rec.set(n, v);
            }
        }
        addLabel(l);
        commit(rec.finish("Import " + name + " from " + file.getFileName()));
        return l;
    }

    /**
     * Imports a multi-label file (e.g. a 3D Slicer {@code .seg.nii.gz} / label map volume, or a TotalSegmentator
     * multi-label output): each distinct non-zero value v of the file becomes a new label named {@code names.get(v)}
     * (or "Label v" when absent) with a default colour, taking the lowest free values. Voxels of existing labels are
     * overwritten only when {@code overwriteOtherLabels}. The voxel change is one undoable edit.
     *
     * @param file  a NIfTI-1 label file on this segmentation's grid
     * @param names display names by file value; may be empty
     * @return the new labels, in order of file value
     * @throws IOException              when the file cannot be read or is not NIfTI-1
     * @throws IllegalArgumentException when the file lies on another grid (naming the file and both grids), holds no
     *                                  label, or holds more distinct values than free label values; the segmentation
     *                                  is then unchanged
     */
    public List<LabelInfo> importLabelFile(Path file, Map<Integer, String> names, boolean overwriteOtherLabels) throws IOException {
        LabelMap in = readOnGrid(file);
        byte[] src = in.labels();
        boolean[] present = new boolean[256];
        for (byte b : src) {
            present[b & 0xFF] = true;
        }
        List<Integer> fileValues = new ArrayList<>();
        for (int v = 1; v < 256; v++) {
            if (present[v]) {
                fileValues.add(v);
            }
        }
        if (fileValues.isEmpty()) {
            throw new IllegalArgumentException("label file " + file + " holds no label (all voxels are 0)");
        }
        int free = 255 - labels.size();
        if (fileValues.size() > free) {
            throw new IllegalArgumentException("label file " + file + " holds " + fileValues.size()
                    + " labels but only " + free + " label values are free");
        }
        byte[] map = new byte[256];
        List<LabelInfo> added = new ArrayList<>();
        TreeMap<Integer, LabelInfo> planned = new TreeMap<>(labels);
        for (int fv : fileValues) {
            int value = 1;
            while (planned.containsKey(value)) {
                value++;
            }
            String nm = names.getOrDefault(fv, "Label " + fv);
            LabelInfo l = new LabelInfo(value, nm, LabelInfo.defaultColour(value));
            planned.put(value, l);
            added.add(l);
            map[fv] = (byte) value;
        }
        byte[] dst = labelMap.labels();
        EditRecorder rec = new EditRecorder(dst);
        for (int n = 0; n < src.length; n++) {
            if (src[n] != 0 && (overwriteOtherLabels || dst[n] == 0)) {
                rec.set(n, map[src[n] & 0xFF]);
            }
        }
        for (LabelInfo l : added) {
            addLabel(l);
        }
        commit(rec.finish("Import " + file.getFileName()));
        return added;
    }

    /**
     * Writes a computed label map (e.g. an automatic segmentation) into labels of this segmentation as one undoable
     * edit: every voxel of value v &gt; 0 in {@code map} gets the label {@code targets[v]} (0 skips that value), leaving
     * voxels of other labels alone unless {@code overwriteOtherLabels}. Labels already there are kept (the result is
     * their union with the map).
     *
     * @param map         label map on this segmentation's grid
     * @param targets     256 entries: the label value each map value goes into, 0 for none; each non-zero target must
     *                    be a defined label
     * @param description what the edit is called in the undo list
     * @return the edit (empty when nothing changed)
     * @throws IllegalArgumentException when the map lies on another grid or a target label is undefined; the
     *                                  segmentation is then unchanged
     */
    public Edit writeLabelMap(LabelMap map, int[] targets, boolean overwriteOtherLabels, String description) {
        if (!map.geometry().sameGrid(geometry(), GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException("the label map to write lies on another voxel grid: " + map.geometry()
                    + ", segmentation grid " + geometry());
        }
        if (targets.length != 256) {
            throw new IllegalArgumentException("label targets need 256 entries, got " + targets.length);
        }
        for (int t : targets) {
            if (t != 0) {
                requireLabel(t);
            }
        }
        byte[] src = map.labels(), dst = labelMap.labels();
        EditRecorder rec = new EditRecorder(dst);
        for (int n = 0; n < src.length; n++) {
            int t = src[n] == 0 ? 0 : targets[src[n] & 0xFF];
            if (t != 0 && (overwriteOtherLabels || dst[n] == 0)) {
                rec.set(n, (byte) t);
            }
        }
        Edit e = rec.finish(description);
        commit(e);
        return e;
    }

    private LabelMap readOnGrid(Path file) throws IOException {
        LabelMap in = NiftiLabelIo.read(file);
        if (!in.geometry().sameGrid(geometry(), GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException("label file " + file + " lies on another voxel grid: file grid "
                    + in.geometry() + ", segmentation grid " + geometry() + " (no resampling is done)");
        }
        return in;
    }

    private String describeLabels() {
        if (labels.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (LabelInfo l : labels.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(l.value()).append(" ").append(l.name());
        }
        return sb.toString();
    }
}
