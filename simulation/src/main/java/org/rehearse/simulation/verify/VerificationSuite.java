package org.rehearse.simulation.verify;

import org.rehearse.simulation.oned.OneDVerification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * All verification and validation cases of the hemodynamic models, the rows of {@code rehearse verify}: the 1D
 * solver's analytic cases and its comparison with openBF ({@link OneDVerification}), and the stenosis element
 * against the FDA nozzle experiments ({@link FdaNozzleValidation}). Cases whose reference data are absent are left
 * out and named in {@link Report#missing()}.
 */
public final class VerificationSuite {
    private VerificationSuite() {}

    /**
     * @param rows    the cases run
     * @param missing descriptions of the cases left out because their data were not found
     */
    public record Report(List<CaseResult> rows, List<String> missing) {
        /** @return whether every case passed */
        public boolean allPassed() { return rows.stream().allMatch(CaseResult::passed); }
    }

    /**
     * @param sharedDataRoot the shared data folder (holding {@code hemodynamics/}), or null
     * @return the report
     * @throws UncheckedIOException when reference data exist but cannot be read
     */
    public static Report run(Path sharedDataRoot) {
        List<CaseResult> rows = new ArrayList<>(OneDVerification.run(sharedDataRoot));
        List<String> missing = new ArrayList<>();
        Path openbf = sharedDataRoot == null ? null : sharedDataRoot.resolve("hemodynamics/openbf-reference");
        if (openbf == null || !Files.isDirectory(openbf)) missing.add("openBF comparison (hemodynamics/openbf-reference not found)");
        Path fda = sharedDataRoot == null ? null : sharedDataRoot.resolve("hemodynamics/fda-nozzle/wall_pressure_drop_vs_flow.csv");
        if (fda != null && Files.isRegularFile(fda)) {
            try {
                rows.addAll(FdaNozzleValidation.run(fda));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + fda, e);
            }
        } else {
            missing.add("FDA nozzle (hemodynamics/fda-nozzle/wall_pressure_drop_vs_flow.csv not found)");
        }
        return new Report(rows, missing);
    }
}
