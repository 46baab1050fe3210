/**
 * Headless algorithm layer of the segmentation workstation's editing tools (as in 3D Slicer's Segment Editor or
 * ITK-SNAP); a JavaFX UI calls it, it imports no JavaFX.
 *
 * <ul>
 *   <li>{@link org.rehearse.segmentation.edit.Segmentation}: the document, one byte label map (0 = background,
 *       layout i + columns·(j + rows·k)) plus named, coloured {@link org.rehearse.segmentation.edit.LabelInfo}s,
 *       NIfTI import of label files on the same grid, and its undo history.</li>
 *   <li>{@link org.rehearse.segmentation.edit.SegmentEditor}: the tools (brush disc/sphere strokes, threshold,
 *       seeded region growing with barrier and cross-section leak stop, islands, hole filling, margins by exact
 *       Euclidean distance, Gaussian/median smoothing, plane cut); each changes one label value and returns one
 *       {@link org.rehearse.segmentation.edit.Edit}.</li>
 *   <li>{@link org.rehearse.segmentation.edit.Edit} / {@link org.rehearse.segmentation.edit.UndoStack}: sparse,
 *       run-length change records and a memory-bounded undo/redo history.</li>
 *   <li>{@link org.rehearse.segmentation.edit.Autosave}: crash-safe autosave (temporary file, then atomic rename)
 *       and recovery.</li>
 * </ul>
 *
 * <p>Units: positions in DICOM LPS millimetres or voxel indices; lengths in mm, areas mm², volumes mm³; intensities
 * in Hounsfield units. Threading: the document and editor are used from one thread; autosave writes snapshots on its
 * own thread.
 */
package org.rehearse.segmentation.edit;
