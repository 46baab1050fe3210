package org.rehearse.simulation.oned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rehearse.simulation.verify.CaseResult;
import org.rehearse.simulation.verify.VerificationSuite;

/** The verification and validation cases of {@code rehearse verify}, asserted. */
class OneDVerificationTest {

    static Path shared() {
        String p = System.getProperty("rehearse.shared.data");
        return p == null ? null : Path.of(p);
    }

    @Test
    void analyticCasesPass() {
        List<CaseResult> rows = OneDVerification.run((Path) null);
        assertEquals(4, rows.size());
        for (CaseResult r : rows) assertTrue(r.passed(), r.toString());
        CaseResult order = rows.get(2);
        assertTrue(order.value() > 1.8 && order.value() < 2.2, "observed order " + order.value());
        assertTrue(Math.abs(rows.get(0).error()) < 1.0, "Poiseuille within 1 %");
        assertTrue(Math.abs(rows.get(1).error()) < 2.0, "wave speed within 2 %");
    }

    @Test
    void validationAgainstOpenBfAndFdaNozzlePasses() {
        Path data = shared();
        assumeTrue(data != null && Files.isDirectory(data.resolve("hemodynamics/openbf-reference"))
                && Files.isRegularFile(data.resolve("hemodynamics/fda-nozzle/wall_pressure_drop_vs_flow.csv")),
                "shared hemodynamics data not present");
        VerificationSuite.Report rep = VerificationSuite.run(data);
        assertTrue(rep.missing().isEmpty(), rep.missing().toString());
        for (CaseResult r : rep.rows()) assertTrue(r.passed(), r.toString());
        long openBfPressure = rep.rows().stream().filter(r -> r.name().startsWith("1D vs openBF")
                && r.quantity().contains("pressure")).peek(r -> assertTrue(Math.abs(r.error()) < 2.0, r.toString())).count();
        long openBfFlow = rep.rows().stream().filter(r -> r.name().startsWith("1D vs openBF")
                && r.quantity().contains("flow")).peek(r -> assertTrue(Math.abs(r.error()) < 5.0, r.toString())).count();
        assertEquals(8, openBfPressure);
        assertEquals(8, openBfFlow);
        rep.rows().stream().filter(r -> r.name().contains("mass conservation"))
                .forEach(r -> assertTrue(Math.abs(r.error()) < 0.1, r.toString()));
        rep.rows().stream().filter(r -> r.name().contains("periodic state"))
                .forEach(r -> assertTrue(r.error() < 0.1, r.toString()));
        List<CaseResult> fda = rep.rows().stream().filter(r -> r.name().startsWith("FDA nozzle")).toList();
        assertEquals(5, fda.size());
        for (CaseResult r : fda.subList(0, 2)) {
            assertEquals(0.0, r.error(), 1e-12, "inside the laboratories' range: " + r);
        }
    }

    @Test
    void stenosisElementTendsToPoiseuilleAndIsOdd() {
        StenosisElement el = new StenosisElement(1, 0.018, 0.006, 0.01, 0.005);
        double mu = 3.5e-3, rho = 1060, q = 1e-9;
        double poiseuille = 128 * mu * 0.005 / (Math.PI * Math.pow(0.006, 4)) * q;
        double yt = el.viscousResistance(mu) * q;
        assertEquals(Math.max(poiseuille, yt), el.steadyDropPa(q, rho, mu), 1e-3 * Math.max(poiseuille, yt));
        assertEquals(-el.steadyDropPa(5e-5, rho, mu), el.steadyDropPa(-5e-5, rho, mu), 1e-9);
        double prev = 0;
        for (double x = 1e-6; x < 5e-4; x *= 1.5) {
            double d = el.steadyDropPa(x, rho, mu);
            assertTrue(d > prev, "monotone at " + x);
            assertTrue(el.steadyDropDerivative(x, rho, mu) > 0);
            prev = d;
        }
        assertThrows(IllegalArgumentException.class, () -> new StenosisElement(1, 0.01, 0.012, 0.01, 0.005));
        assertThrows(IllegalArgumentException.class, () -> new StenosisElement(1, 0.01, 0.005, 0.01, 0.02));
    }

    @Test
    void badNetworksAreRefusedWithTheirName() {
        OneDVessel noWk = new OneDVessel("tube", 1, 2, 0.1, 3e-3, 3e-3, 3e-4, 4e5, 9, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OneDSolver(
                new OneDNetwork("n", 1060, 4e-3, List.of(noWk), InletWaveform.constant(1e-6), 0), OneDSolver.Options.defaults()));
        assertTrue(e.getMessage().contains("tube") && e.getMessage().contains("Windkessel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OneDVessel.Windkessel(1e7, -1, 1e-9, 0));
        assertThrows(IllegalArgumentException.class, () -> new OneDVessel("v", 1, 2, -0.1, 3e-3, 3e-3, 3e-4, 4e5, 9, null));
    }
}
