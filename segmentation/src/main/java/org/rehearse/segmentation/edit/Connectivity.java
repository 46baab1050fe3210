package org.rehearse.segmentation.edit;

/** Which voxels count as neighbours when splitting a label into islands (connected components). */
public enum Connectivity {
    /** Face neighbours only (6 in 3D). */
    SIX,
    /** Face, edge and corner neighbours (26 in 3D). */
    TWENTY_SIX
}
