package org.rehearse.simulation.verify;

import java.util.Objects;

/**
 * The outcome of one verification or validation case of a hemodynamic model, one row of {@code rehearse verify}.
 *
 * @param name      the case, e.g. "steady Poiseuille flow" or "FDA nozzle, Re 500"
 * @param quantity  what is compared, with its unit, e.g. "pressure drop (Pa)"
 * @param reference the reference value (analytic, experimental or another solver's), in the quantity's unit
 * @param value     the model's value, same unit
 * @param error     the error as the case defines it (e.g. relative, or RMS over a cycle / pulse amplitude)
 * @param errorUnit how {@code error} is expressed, e.g. "%" or "Pa"
 * @param tolerance the largest error that passes, same unit as {@code error}; NaN when the case only reports
 * @param source    where the reference comes from (formula, paper, data set)
 */
public record CaseResult(String name, String quantity, double reference, double value, double error, String errorUnit,
                         double tolerance, String source) {
    public CaseResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quantity, "quantity");
        errorUnit = errorUnit == null ? "" : errorUnit;
        source = source == null ? "" : source;
    }

    /** @return true when the case has a tolerance and the error is finite and within it (reporting-only cases pass) */
    public boolean passed() {
        return Double.isNaN(tolerance) || (Double.isFinite(error) && Math.abs(error) <= tolerance);
    }
}
