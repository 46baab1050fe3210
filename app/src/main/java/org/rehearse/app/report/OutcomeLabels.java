package org.rehearse.app.report;

import java.util.Locale;
import java.util.Map;

/**
 * Readable labels for outcome keys that carry their unit as a suffix, as {@code plan.json} and
 * {@code PulsatileOutcome.reportFields()} name them: {@code peak_gradient_mmHg} → "Peak gradient (mmHg)",
 * {@code peak_velocity_m_s} → "Peak velocity (m/s)", {@code max_wss_Pa} → "Max WSS (Pa)".
 */
public final class OutcomeLabels {
    /** Unit suffixes (after the last words of the key) and how they are printed, longest first where they overlap. */
    private static final String[][] UNITS = {
        {"_L_min", "L/min"}, {"_mL_s", "mL/s"}, {"_m_s", "m/s"}, {"_cm_s", "cm/s"}, {"_mm2", "mm²"}, {"_cm2", "cm²"},
        {"_mmHg", "mmHg"}, {"_Pa", "Pa"}, {"_mm", "mm"}, {"_ms", "ms"}, {"_s", "s"}, {"_percent", "%"}, {"_pct", "%"},
        {"_ml", "mL"}, {"_mL", "mL"}, {"_W", "W"}, {"_J", "J"}};
    /** Words printed in capitals. */
    private static final Map<String, String> WORDS = Map.of("wss", "WSS", "ci95", "95 % CI", "tawss", "TAWSS",
            "osi", "OSI", "ci", "CI", "lv", "LV");

    private OutcomeLabels() {
    }

    /**
     * @param key an outcome key, e.g. {@code mean_gradient_mmHg}
     * @return its label, e.g. "Mean gradient (mmHg)"; a key without a known unit suffix is only made readable
     */
    public static String label(String key) {
        String unit = null, words = key;
        for (String[] u : UNITS) {
            if (key.endsWith(u[0]) && key.length() > u[0].length()) {
                unit = u[1];
                words = key.substring(0, key.length() - u[0].length());
                break;
            }
        }
        StringBuilder b = new StringBuilder();
        for (String w : words.split("_")) {
            if (w.isEmpty()) {
                continue;
            }
            String word = WORDS.getOrDefault(w.toLowerCase(Locale.ROOT), w);
            if (b.length() == 0 && word.equals(w)) {
                word = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            b.append(b.length() == 0 ? "" : " ").append(word);
        }
        return unit == null ? b.toString() : b + " (" + unit + ")";
    }
}
